package dev.lambdaextension.lifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.emulator.RecordedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a Spring Boot extension as a real process against the emulator and checks how it
 * exits when the Extensions API fails.
 */
class ExtensionProcessTests {

	private static final Duration EXIT_WAIT = Duration.ofSeconds(60);

	private LambdaEmulator emulator;

	private Process process;

	@AfterEach
	void cleanUp() {
		if (this.process != null) {
			this.process.destroyForcibly();
		}
		if (this.emulator != null) {
			this.emulator.close();
		}
	}

	@Test
	void refusedRegistrationShouldExitNonZeroWithReadableCause() throws Exception {
		this.emulator = LambdaEmulator.start();
		this.emulator.faults().refuseRegistration("Extension.InvalidEventType",
				"SHUTDOWN: ShutdownEventNotSupportedForInternalExtension", 1);
		Result result = run(this.emulator.runtimeApi());
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.output()).contains("Lambda extension could not start: register failed with HTTP 403 "
				+ "Extension.InvalidEventType: SHUTDOWN: ShutdownEventNotSupportedForInternalExtension");
	}

	@Test
	void unreachableRuntimeApiShouldExitNonZeroWithinSeconds() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		Result result = run("127.0.0.1:" + closedPort);
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.output()).contains("Lambda runtime API at 127.0.0.1:" + closedPort + " is unreachable");
	}

	@Test
	void serverErrorsOnNextShouldReportExitErrorAndExitWithStatusOne() throws Exception {
		this.emulator = LambdaEmulator.start();
		this.emulator.faults().failNext(LambdaEmulator.NEXT_PATH, 500, 3);
		Result result = run(this.emulator.runtimeApi());
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(this.emulator.extensions()).singleElement()
			.satisfies((extension) -> assertThat(extension.exitErrorType()).isEqualTo("InternalServerError"));
		assertThat(result.output()).contains("event/next failed (attempt 2 of 3)");
	}

	@Test
	void shutdownShouldExitZeroBeforeDeadline() throws Exception {
		this.emulator = LambdaEmulator.start();
		CompletableFuture<String> output = start(this.emulator.runtimeApi());
		CompletableFuture<Instant> exited = this.process.onExit().thenApply((process) -> Instant.now());
		this.emulator.awaitRegistered(1, EXIT_WAIT);
		this.emulator.awaitInitComplete(EXIT_WAIT);
		this.emulator.invoke().awaitExtensionsDone(EXIT_WAIT);
		Instant deadline = this.emulator.shutdown("spindown", Duration.ofSeconds(2));
		assertThat(this.process.waitFor(EXIT_WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(this.process.exitValue()).as(() -> output.join()).isZero();
		// the watchdog would also exit with 0, but only near the deadline and after saying so
		assertThat(output.join()).doesNotContain("halting with status");
		assertThat(exited.join()).isBefore(deadline.minusMillis(200));
	}

	@Test
	void eventsEnvironmentVariableShouldReachTheEarlyRegistration() throws Exception {
		this.emulator = LambdaEmulator.start();
		start(this.emulator.runtimeApi(), Map.of("LAMBDA_EXTENSION_EVENTS", "SHUTDOWN"));
		assertThat(this.emulator.awaitRegistered(1, EXIT_WAIT)).singleElement()
			.satisfies((extension) -> assertThat(extension.events()).containsExactly("SHUTDOWN"));
		this.emulator.awaitInitComplete(EXIT_WAIT);
		this.emulator.shutdown("spindown");
		assertThat(this.process.waitFor(EXIT_WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(this.process.exitValue()).isZero();
	}

	@Test
	void managedInstancesEnvironmentShouldRegisterForShutdownOnlyFromTheStart() throws Exception {
		this.emulator = LambdaEmulator.start();
		start(this.emulator.runtimeApi(), Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "lambda-managed-instances"));
		assertThat(this.emulator.awaitRegistered(1, EXIT_WAIT)).singleElement()
			.satisfies((extension) -> assertThat(extension.events()).containsExactly("SHUTDOWN"));
		this.emulator.awaitInitComplete(EXIT_WAIT);
		this.emulator.shutdown("spindown");
		assertThat(this.process.waitFor(EXIT_WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(this.process.exitValue()).isZero();
	}

	@Test
	void snapStartEnvironmentShouldCarryOnAfterTheRestoreAndExitZero() throws Exception {
		this.emulator = LambdaEmulator.builder().snapStart(true).build();
		CompletableFuture<String> output = start(this.emulator.runtimeApi(),
				Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", this.emulator.function().initializationType()));
		this.emulator.awaitRegistered(1, EXIT_WAIT);
		this.emulator.awaitInitComplete(EXIT_WAIT);
		this.emulator.restore();
		this.emulator.invoke().awaitExtensionsDone(EXIT_WAIT);
		this.emulator.invoke().awaitExtensionsDone(EXIT_WAIT);
		this.emulator.shutdown("spindown", Duration.ofSeconds(2));
		assertThat(this.process.waitFor(EXIT_WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(this.process.exitValue()).as(() -> output.join()).isZero();
		assertThat(this.emulator.telemetry().subscriptions()).singleElement()
			.satisfies((subscription) -> assertThat(subscription.types()).containsExactly("platform"));
		assertThat(this.emulator.history().calls(LambdaEmulator.NEXT_PATH)).extracting(RecordedCall::status)
			.containsExactly(0, 200, 200, 200);
		assertThat(output.join()).containsOnlyOnce("Environment restored from a SnapStart snapshot (success)");
	}

	@Test
	void configurationContradictingTheStartupRegistrationShouldReportInitError() throws Exception {
		this.emulator = LambdaEmulator.start();
		Result result = run(this.emulator.runtimeApi(), "--lambda.extension.events=INVOKE");
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.output()).contains("but lambda.extension.events there asks for");
		assertThat(this.emulator.extensions()).singleElement()
			.satisfies((extension) -> assertThat(extension.initErrorType()).isEqualTo("Extension.IllegalStateException"));
	}

	private Result run(String runtimeApi, String... args) throws Exception {
		CompletableFuture<String> output = start(runtimeApi, args);
		assertThat(this.process.waitFor(EXIT_WAIT.toSeconds(), TimeUnit.SECONDS)).as("process exited").isTrue();
		return new Result(this.process.exitValue(), output.get(10, TimeUnit.SECONDS));
	}

	private CompletableFuture<String> start(String runtimeApi, String... args) throws IOException {
		return start(runtimeApi, Map.of(), args);
	}

	private CompletableFuture<String> start(String runtimeApi, Map<String, String> environment, String... args)
			throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
				"-Dlogging.config=classpath:logback-extension-process.xml", "-Dlambda.extension.name=fixture",
				"-Dlambda.extension.retry.initial-delay=10ms",
				FixtureExtension.class.getName()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
		builder.environment().putAll(environment);
		this.process = builder.start();
		return CompletableFuture.supplyAsync(() -> readAll(this.process.getInputStream()));
	}

	private static String readAll(InputStream stream) {
		try {
			return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	record Result(int exitCode, String output) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class FixtureExtension {

		public static void main(String[] args) {
			SpringApplication.run(FixtureExtension.class, args);
		}

	}

}
