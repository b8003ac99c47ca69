package dev.lambdaextension.autoconfigure;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import dev.lambdaextension.lifecycle.ExtensionExitHandler;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.emulator.LambdaEmulatorBuilder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Fixture of the integration tests against the emulator, registered as an instance field: one emulator per test,
 * closed after it, and a context runner for an extension registered with it whose exit status is recorded
 * instead of ending the JVM.
 */
final class EmulatedExtensionRunner implements AfterEachCallback {

	private final String extensionName;

	private final Class<?>[] autoConfigurations;

	private final CompletableFuture<Integer> exitStatus = new CompletableFuture<>();

	private @Nullable LambdaEmulator emulator;

	/**
	 * Create a fixture.
	 * @param extensionName the name the extension registers with
	 * @param autoConfigurations auto-configurations besides the extension's and the telemetry's
	 */
	EmulatedExtensionRunner(String extensionName, Class<?>... autoConfigurations) {
		this.extensionName = extensionName;
		this.autoConfigurations = autoConfigurations;
	}

	/**
	 * Build the test's emulator and return a runner for an extension that registers with it.
	 * @param emulator the emulator to build
	 * @return the runner
	 */
	ApplicationContextRunner runner(LambdaEmulatorBuilder emulator) {
		LambdaEmulator built = emulator.build();
		this.emulator = built;
		Class<?>[] configurations = Stream
			.concat(Stream.of(LambdaExtensionAutoConfiguration.class, LambdaTelemetryAutoConfiguration.class),
					Arrays.stream(this.autoConfigurations))
			.toArray(Class<?>[]::new);
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(configurations))
			.withBean(ExtensionExitHandler.class, () -> this.exitStatus::complete)
			.withPropertyValues("lambda.extension.name=" + this.extensionName,
					"lambda.extension.runtime-api=" + built.runtimeApi());
	}

	LambdaEmulator emulator() {
		return Objects.requireNonNull(this.emulator, "runner(...) builds the emulator");
	}

	/**
	 * Return the status the extension asked to exit with.
	 * @return completed when the extension finishes
	 */
	CompletableFuture<Integer> exitStatus() {
		return this.exitStatus;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.emulator != null) {
			this.emulator.close();
		}
	}

}
