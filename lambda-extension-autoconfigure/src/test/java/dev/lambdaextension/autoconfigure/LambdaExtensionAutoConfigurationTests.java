package dev.lambdaextension.autoconfigure;

import java.time.Duration;

import dev.lambdaextension.lifecycle.ExtensionEventLoop;
import dev.lambdaextension.lifecycle.ExtensionState;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.logging.LogCapture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LambdaExtensionAutoConfiguration}.
 */
class LambdaExtensionAutoConfigurationTests {

	@RegisterExtension
	final LogCapture logs = LogCapture.of("dev.lambdaextension");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LambdaExtensionAutoConfiguration.class))
		.withPropertyValues("lambda.extension.name=test-extension", "lambda.extension.shutdown.exit-process=false");

	@AutoClose
	private final LambdaEmulator emulator = LambdaEmulator.start();

	@Test
	void runWithoutRuntimeApiShouldNotCreateEventLoop() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(ExtensionEventLoop.class)
			.doesNotHaveBean(LambdaExtensionProperties.class));
	}

	@Test
	void runWhenDisabledShouldNotCreateEventLoop() {
		this.contextRunner
			.withPropertyValues("lambda.extension.runtime-api=" + this.emulator.runtimeApi(),
					"lambda.extension.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ExtensionEventLoop.class));
		assertThat(this.emulator.history().calls()).isEmpty();
	}

	@Test
	void runWithRuntimeApiShouldRegisterAndPollForEvents() {
		this.contextRunner.withPropertyValues("lambda.extension.runtime-api=" + this.emulator.runtimeApi())
			.run((context) -> {
				assertThat(context).hasSingleBean(ExtensionEventLoop.class);
				this.emulator.awaitInitComplete(Duration.ofSeconds(10));
				assertThat(context.getBean(ExtensionEventLoop.class).getState()).isEqualTo(ExtensionState.RUNNING);
				assertThat(this.emulator.extensions()).singleElement()
					.satisfies((extension) -> assertThat(extension.name()).isEqualTo("test-extension"));
			});
	}

	@Test
	void connectionDetailsBeanShouldChooseWhereTheClientsGo() {
		this.contextRunner.withPropertyValues("lambda.extension.runtime-api=127.0.0.1:1")
			.withBean(LambdaRuntimeApiConnectionDetails.class, () -> this.emulator::runtimeApi)
			.run((context) -> {
				assertThat(context).hasSingleBean(LambdaRuntimeApiConnectionDetails.class);
				this.emulator.awaitInitComplete(Duration.ofSeconds(10));
				assertThat(this.emulator.extensions()).singleElement()
					.satisfies((extension) -> assertThat(extension.name()).isEqualTo("test-extension"));
			});
	}

	@Test
	void runWithRuntimeApiFromEnvironmentVariableShouldRegister() {
		this.contextRunner.withSystemProperties("AWS_LAMBDA_RUNTIME_API=" + this.emulator.runtimeApi())
			.run((context) -> {
				assertThat(context).hasSingleBean(ExtensionEventLoop.class);
				this.emulator.awaitRegistered(1, Duration.ofSeconds(10));
			});
	}

	@Test
	void invalidRetryAttemptsShouldFailNamingPropertyAndRange() {
		this.contextRunner
			.withPropertyValues("lambda.extension.runtime-api=" + this.emulator.runtimeApi(),
					"lambda.extension.retry.max-attempts=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'maxAttempts' must be between 1 and 10"));
	}

	@Test
	void invalidBufferingShouldFailNamingPropertyAndRange() {
		this.contextRunner
			.withPropertyValues("lambda.extension.runtime-api=" + this.emulator.runtimeApi(),
					"lambda.extension.telemetry.buffering.max-items=999")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasStackTraceContaining("Failed to bind properties under 'lambda.extension.telemetry.buffering'")
					.rootCause()
					.hasMessageContaining("'maxItems' must be between 1000 and 10000");
			});
	}

	@Test
	void invalidBufferingTimeoutShouldFailNamingRange() {
		this.contextRunner
			.withPropertyValues("lambda.extension.runtime-api=" + this.emulator.runtimeApi(),
					"lambda.extension.telemetry.buffering.timeout=10ms")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'timeout' must be between 25ms and 30000ms"));
	}

	@Test
	void invalidRuntimeApiShouldFailNamingFormat() {
		this.contextRunner.withPropertyValues("lambda.extension.runtime-api=http://127.0.0.1:9001/")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'runtimeApi' must be host:port"));
	}

	@Test
	void reservedListenerPortShouldFail() {
		this.contextRunner
			.withPropertyValues("lambda.extension.runtime-api=" + this.emulator.runtimeApi(),
					"lambda.extension.telemetry.receiver.port=9001")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("must not be 9001"));
	}

}
