package dev.lambdaextension.autoconfigure;

import java.time.Duration;

import dev.lambdaextension.actuate.endpoint.LambdaExtensionEndpoint;
import dev.lambdaextension.actuate.endpoint.LambdaExtensionEndpoint.LambdaExtensionDescriptor;
import dev.lambdaextension.lifecycle.ExtensionEventHistory.EntryType;
import dev.lambdaextension.lifecycle.ExtensionState;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LambdaExtensionEndpointAutoConfiguration}.
 */
class LambdaExtensionEndpointAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LambdaExtensionAutoConfiguration.class,
				LambdaTelemetryAutoConfiguration.class, LambdaExtensionEndpointAutoConfiguration.class))
		.withPropertyValues("lambda.extension.name=endpoint-test", "lambda.extension.shutdown.exit-process=false");

	@AutoClose
	private final LambdaEmulator emulator = LambdaEmulator.start();

	@Test
	void runWhenNotExposedShouldNotCreateEndpoint() {
		this.contextRunner.withPropertyValues("lambda.extension.runtime-api=" + this.emulator.runtimeApi())
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LambdaExtensionEndpoint.class));
	}

	@Test
	void runWithTheLogsApiShouldDescribeItsSubscription() {
		this.contextRunner
			.withPropertyValues("lambda.extension.runtime-api=" + this.emulator.runtimeApi(),
					"lambda.extension.logs.enabled=true", "lambda.extension.logs.types=function",
					"management.endpoints.web.exposure.include=lambdaextension")
			.run((context) -> {
				this.emulator.awaitInitComplete(WAIT);
				LambdaExtensionDescriptor descriptor = context.getBean(LambdaExtensionEndpoint.class).extension();
				assertThat(descriptor.subscription().api()).isEqualTo("Logs API");
				assertThat(descriptor.subscription().schemaVersion()).isEqualTo("2021-03-18");
				assertThat(descriptor.subscription().types()).containsExactly("platform", "function");
				assertThat(descriptor.subscription().platformForBarrierOnly()).isTrue();
				assertThat(descriptor.subscription().buffering().maxItems()).isEqualTo(10_000);
			});
	}

	@Test
	void runWhenExposedShouldDescribeTheExtension() {
		this.contextRunner
			.withPropertyValues("lambda.extension.runtime-api=" + this.emulator.runtimeApi(),
					"lambda.extension.telemetry.types=platform",
					"management.endpoints.web.exposure.include=lambdaextension")
			.run((context) -> {
				assertThat(context).hasSingleBean(LambdaExtensionEndpoint.class);
				this.emulator.awaitInitComplete(WAIT);
				this.emulator.invoke().awaitExtensionsDone(WAIT);
				LambdaExtensionDescriptor descriptor = context.getBean(LambdaExtensionEndpoint.class).extension();
				assertThat(descriptor.state()).isEqualTo(ExtensionState.RUNNING);
				assertThat(descriptor.registration().functionName()).isEqualTo(this.emulator.function().name());
				assertThat(descriptor.subscription().api()).isEqualTo("Telemetry API");
				assertThat(descriptor.subscription().types()).containsExactly("platform");
				assertThat(descriptor.subscription().buffering().timeoutMs()).isEqualTo(25);
				assertThat(descriptor.receiver().running()).isTrue();
				assertThat(descriptor.dispatch().capacity()).isEqualTo(10_000);
				assertThat(descriptor.listeners()).isEmpty();
				assertThat(descriptor.recentEvents()).extracting((event) -> event.type())
					.containsExactly(EntryType.REGISTERED, EntryType.SUBSCRIBED, EntryType.INVOKE);
			});
	}

	@Test
	void runWhenAccessIsNoneShouldNotCreateEndpoint() {
		this.contextRunner
			.withPropertyValues("lambda.extension.runtime-api=" + this.emulator.runtimeApi(),
					"management.endpoints.web.exposure.include=lambdaextension",
					"management.endpoint.lambdaextension.access=NONE")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LambdaExtensionEndpoint.class));
	}

	@Test
	void runWithoutActuatorShouldNotCreateEndpoint() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ConditionalOnAvailableEndpoint.class))
			.withPropertyValues("lambda.extension.runtime-api=" + this.emulator.runtimeApi(),
					"management.endpoints.web.exposure.include=lambdaextension")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LambdaExtensionEndpoint.class));
	}

}
