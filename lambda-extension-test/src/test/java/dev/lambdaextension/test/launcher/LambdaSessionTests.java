package dev.lambdaextension.test.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.lambdaextension.test.emulator.EmulatedExtensionState;
import dev.lambdaextension.test.emulator.InvokeRequest;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.support.FakeExtensions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LambdaSessionTests {

	private static final Duration INIT_TIMEOUT = Duration.ofSeconds(40);

	@TempDir
	Path root;

	@Test
	void sessionShouldRunInitInvokesAndCleanShutdown() throws Exception {
		Path extensions = FakeExtensions.write(this.root, "fake-ext", "normal");
		List<String> output = new CopyOnWriteArrayList<>();
		try (LambdaSession session = LambdaSession.builder()
			.extensionsDir(extensions)
			.emulator(LambdaEmulator.builder().functionName("orders-api").initTimeout(INIT_TIMEOUT))
			.baseEnvironment(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), "_HANDLER", "x",
					"LAMBDA_TASK_ROOT", "/var/task"))
			.output(output::add)
			.build()) {
			List<ExtensionReport> init = session.init();
			assertThat(init).singleElement().satisfies((report) -> {
				assertThat(report.name()).isEqualTo("fake-ext");
				assertThat(report.state()).isEqualTo(EmulatedExtensionState.READY);
				assertThat(report.registered()).isPositive();
				assertThat(report.firstNext()).isGreaterThanOrEqualTo(report.registered());
			});
			assertThat(session.emulator().extension("fake-ext").external()).isTrue();
			for (int i = 0; i < 2; i++) {
				Map<String, Duration> done = session.invokeAndAwait(InvokeRequest.success(), Duration.ofSeconds(10));
				assertThat(done).containsOnlyKeys("fake-ext");
			}
			ShutdownReport report = session.shutdown("spindown", Duration.ofSeconds(5));
			assertThat(report.clean()).isTrue();
			assertThat(report.killed()).isEmpty();
			ExtensionReport extension = report.extensions().get(0);
			assertThat(extension.exitCode()).isZero();
			assertThat(extension.state()).isEqualTo(EmulatedExtensionState.EXITED);
			assertThat(extension.exited()).isGreaterThan(extension.firstNext());
			assertThat(extension.output()).contains("registered as fake-ext for orders-api handler-visible=false",
					"shutdown spindown");
			assertThat(extension.output().stream().filter((line) -> line.startsWith("invoke "))).hasSize(2);
			assertThat(output).contains("[fake-ext] shutdown spindown");
		}
	}

	@Test
	void stragglerIgnoringShutdownShouldBeKilled() throws Exception {
		Path extensions = FakeExtensions.write(this.root, "stubborn", "ignore-shutdown");
		try (LambdaSession session = LambdaSession.builder()
			.extensionsDir(extensions)
			.emulator(LambdaEmulator.builder().initTimeout(INIT_TIMEOUT))
			.build()) {
			session.init();
			ShutdownReport report = session.shutdown("timeout", Duration.ofSeconds(3));
			assertThat(report.killed()).containsExactly("stubborn");
			assertThat(report.clean()).isFalse();
			ExtensionReport extension = report.extensions().get(0);
			assertThat(extension.exitCode()).isNotZero();
			assertThat(extension.state()).isEqualTo(EmulatedExtensionState.KILLED);
			assertThat(extension.output()).contains("shutdown timeout");
		}
	}

	@Test
	void extensionExitingDuringInitShouldBeReportedAsCrash() throws Exception {
		Path extensions = FakeExtensions.write(this.root, "crasher", "crash");
		try (LambdaSession session = LambdaSession.builder()
			.extensionsDir(extensions)
			.emulator(LambdaEmulator.builder().initTimeout(INIT_TIMEOUT))
			.build()) {
			assertThatExceptionOfType(LambdaSessionException.class).isThrownBy(session::init)
				.withMessageContaining("Extension.Crash")
				.withMessageContaining("crasher");
			assertThat(session.reports().get(0).crashed()).isTrue();
		}
	}

	@Test
	void extensionCallingInitErrorAndExitingShouldFailInitWithInitError() throws Exception {
		Path extensions = FakeExtensions.write(this.root, "no-license", "init-error");
		try (LambdaSession session = LambdaSession.builder()
			.extensionsDir(extensions)
			.emulator(LambdaEmulator.builder().initTimeout(INIT_TIMEOUT))
			.build()) {
			assertThatExceptionOfType(LambdaSessionException.class).isThrownBy(session::init)
				.withMessageContaining("Extension.InitError")
				.withMessageNotContaining("Extension.Crash");
			assertThat(session.emulator().extension("no-license")).satisfies((extension) -> {
				assertThat(extension.state()).isEqualTo(EmulatedExtensionState.INIT_ERROR);
				assertThat(extension.initErrorType()).isEqualTo("Extension.ConfigInvalid");
			});
		}
	}

	@Test
	void initTimeoutShouldStateTheInitLimit() throws Exception {
		Path extensions = FakeExtensions.writeScript(this.root, "silent", "exec sleep 60\n");
		try (LambdaSession session = LambdaSession.builder()
			.extensionsDir(extensions)
			.emulator(LambdaEmulator.builder().initTimeout(Duration.ofMillis(1500)))
			.build()) {
			assertThatExceptionOfType(LambdaSessionException.class).isThrownBy(session::init)
				.withMessageStartingWith("Init timed out (Status: timeout): the Init limit of 1500 ms passed")
				.withMessageContaining("no extension registered");
		}
	}

	@Test
	void environmentShouldDropRuntimeOnlyVariablesAndAddPlatformOnes() {
		try (LambdaEmulator emulator = LambdaEmulator.builder().functionName("fn").region("eu-west-1").build()) {
			Map<String, String> environment = ExtensionsLauncher.environment(
					Map.of("_HANDLER", "h", "AWS_EXECUTION_ENV", "java", "_X_AMZN_TRACE_ID", "t", "KEEP", "yes"),
					emulator, Map.of("EXTRA", "1"));
			assertThat(environment).doesNotContainKeys("_HANDLER", "AWS_EXECUTION_ENV", "_X_AMZN_TRACE_ID")
				.containsEntry("KEEP", "yes")
				.containsEntry("EXTRA", "1")
				.containsEntry("AWS_LAMBDA_RUNTIME_API", emulator.runtimeApi())
				.containsEntry("AWS_LAMBDA_FUNCTION_NAME", "fn")
				.containsEntry("AWS_REGION", "eu-west-1")
				.containsEntry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")
				.containsKeys("AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
		}
	}

	@Test
	void discoverShouldListRegularFilesOnly() throws Exception {
		Path dir = Files.createDirectories(this.root.resolve("extensions"));
		Files.createDirectories(dir.resolve("subdir"));
		Files.writeString(dir.resolve("b"), "");
		Files.writeString(dir.resolve("a"), "");
		assertThat(ExtensionsLauncher.discover(dir)).extracting((path) -> path.getFileName().toString())
			.containsExactly("a", "b");
	}

}
