package dev.lambdaextension.lifecycle;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.lambdaextension.telemetry.PlatformReport;
import dev.lambdaextension.telemetry.PlatformStart;
import dev.lambdaextension.telemetry.TelemetryListener;
import dev.lambdaextension.test.emulator.EmulatedExtension;
import dev.lambdaextension.test.emulator.EmulatedRuntime;
import dev.lambdaextension.test.emulator.Invocation;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.emulator.RecordedCall;
import dev.lambdaextension.test.launcher.FunctionProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a function process, a real JVM with a tiny Runtime API loop and the starter as an
 * internal extension, against the emulator: the extension registers during the context
 * refresh, before the function's first {@code invocation/next}, receives INVOKE and
 * telemetry, drains when Lambda's SIGTERM stops the JVM, and never takes the function
 * down.
 */
class InternalExtensionProcessTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final LambdaEmulator emulator = LambdaEmulator.builder().externalExtensionNames(Set.of()).build();

	private FunctionProcess function;

	@AfterEach
	void cleanUp() {
		if (this.function != null) {
			this.function.close();
		}
		this.emulator.close();
	}

	@Test
	void functionProcessShouldRunAnInternalExtensionThatSeesInvokeAndTelemetry() {
		start();
		EmulatedRuntime runtime = this.emulator.runtime();
		runtime.awaitFirstNext(WAIT);
		EmulatedExtension extension = this.emulator.extension("orders-agent");
		assertThat(extension).isNotNull();
		assertThat(extension.events()).containsExactly("INVOKE");
		assertThat(extension.external()).isFalse();
		this.emulator.awaitInitComplete(WAIT);
		Invocation invocation = this.emulator.invoke();
		assertThat(runtime.awaitResult(invocation.requestId(), WAIT).body()).contains(invocation.requestId());
		RecordedCall registered = this.emulator.history().calls(LambdaEmulator.REGISTER_PATH).get(0);
		RecordedCall firstNext = this.emulator.history().calls(EmulatedRuntime.NEXT_PATH).get(0);
		assertThat(registered.receivedNanos()).isLessThan(firstNext.receivedNanos());
		invocation.awaitExtensionsDone(WAIT);
		this.function.awaitOutputLine("extension INVOKE " + invocation.requestId(), WAIT);
		this.function.awaitOutputLine("telemetry platform.start " + invocation.requestId(), WAIT);
		// The Shutdown phase thaws the environment before the runtime gets SIGTERM: the last report arrives then.
		this.emulator.shutdown("spindown");
		this.function.awaitOutputLine("telemetry platform.report " + invocation.requestId(), WAIT);
		// Lambda allows about 500 ms; this shared test machine is given more
		assertThat(this.function.stop(Duration.ofSeconds(5))).as("exit status of a JVM ended by SIGTERM")
			.isEqualTo(143);
		assertThat(this.function.outputLines()).contains("shutdown completed, lost 0");
		assertThat(this.emulator.history().calls(LambdaEmulator.EXIT_ERROR_PATH)).isEmpty();
		assertThat(this.emulator.history().calls(LambdaEmulator.INIT_ERROR_PATH)).isEmpty();
	}

	@Test
	void refusedRegistrationShouldLeaveTheFunctionServing() {
		this.emulator.faults().refuseRegistration("Extension.TooManyExtensions", "Extension limit (10) reached", 1);
		start();
		this.emulator.runtime().awaitFirstNext(WAIT);
		Invocation invocation = this.emulator.invoke();
		assertThat(this.emulator.runtime().awaitResult(invocation.requestId(), WAIT).body())
			.contains(invocation.requestId());
		assertThat(this.function.process().isAlive()).isTrue();
		assertThat(this.function.outputLines())
			.anyMatch((line) -> line.contains("Internal Lambda extension stopped, the function runs on without it"));
		assertThat(this.emulator.extensions()).isEmpty();
	}

	private void start() {
		String java = ProcessHandle.current().info().command().orElse("java");
		this.function = FunctionProcess.start(this.emulator, "example.Handler::handleRequest",
				List.of(java, "-cp", System.getProperty("java.class.path"), FixtureFunction.class.getName(),
						"--spring.application.name=orders-agent"),
				Map.of(), (line) -> {
				});
	}

	/**
	 * A Java function with the starter inside: Spring Boot starts first, and its context
	 * refresh registers the internal extension; then the function's Runtime API loop runs
	 * on the main thread until the JVM is stopped.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class FixtureFunction {

		public static void main(String[] args) throws Exception {
			SpringApplication.run(FixtureFunction.class, args);
			String base = "http://" + System.getenv("AWS_LAMBDA_RUNTIME_API") + "/2018-06-01/runtime/invocation/";
			HttpClient client = HttpClient.newHttpClient();
			while (true) {
				HttpResponse<String> event = client.send(HttpRequest.newBuilder(URI.create(base + "next")).build(),
						HttpResponse.BodyHandlers.ofString());
				String requestId = event.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
				client.send(HttpRequest.newBuilder(URI.create(base + requestId + "/response"))
					.POST(HttpRequest.BodyPublishers.ofString("{\"handled\":\"" + requestId + "\"}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			}
		}

		@Bean
		Observer observer() {
			return new Observer();
		}

	}

	static class Observer {

		@TelemetryListener
		void onStart(PlatformStart start) {
			System.out.println("telemetry platform.start " + start.requestId());
		}

		@TelemetryListener
		void onReport(PlatformReport report) {
			System.out.println("telemetry platform.report " + report.requestId());
		}

		@EventListener
		void onInvoke(ExtensionInvokeEvent event) {
			System.out.println("extension INVOKE " + event.requestId());
		}

		@EventListener
		void onShutdownCompleted(ExtensionShutdownCompletedEvent event) {
			System.out.println("shutdown completed, lost " + event.lostEvents());
		}

	}

}
