package dev.lambdaextension.autoconfigure;

import java.time.Duration;

import dev.lambdaextension.health.LambdaExtensionHealthIndicator;
import dev.lambdaextension.lifecycle.ExtensionEventHistory;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LambdaExtensionHealthContributorAutoConfiguration}.
 */
class LambdaExtensionHealthContributorAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LambdaExtensionAutoConfiguration.class,
				LambdaTelemetryAutoConfiguration.class, LambdaExtensionHealthContributorAutoConfiguration.class,
				HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class))
		.withPropertyValues("lambda.extension.name=health-test", "lambda.extension.shutdown.exit-process=false");

	@AutoClose
	private final LambdaEmulator emulator = LambdaEmulator.start();

	@Test
	void runShouldContributeLambdaextensionHealthThatIsUpOnceRunning() {
		this.contextRunner.withPropertyValues("lambda.extension.runtime-api=" + this.emulator.runtimeApi())
			.run((context) -> {
				assertThat(context).hasSingleBean(LambdaExtensionHealthIndicator.class)
					.hasSingleBean(ExtensionEventHistory.class);
				this.emulator.awaitInitComplete(WAIT);
				HealthContributorRegistry registry = context.getBean(HealthContributorRegistry.class);
				assertThat(registry.getContributor("lambdaextension")).isInstanceOf(HealthIndicator.class);
				Health health = ((HealthIndicator) registry.getContributor("lambdaextension")).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("functionName", this.emulator.function().name())
					.containsKeys("state", "extensionId", "lastEventTime", "queueDepth", "droppedEvents",
							"listenerFailures");
			});
	}

	@Test
	void runWhenIndicatorDisabledShouldNotContributeHealth() {
		this.contextRunner
			.withPropertyValues("lambda.extension.runtime-api=" + this.emulator.runtimeApi(),
					"management.health.lambdaextension.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LambdaExtensionHealthIndicator.class)
				.doesNotHaveBean(ExtensionEventHistory.class));
	}

	@Test
	void runWithoutSpringBootHealthShouldNotContributeHealth() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Health.class))
			.withPropertyValues("lambda.extension.runtime-api=" + this.emulator.runtimeApi())
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LambdaExtensionHealthIndicator.class));
	}

	@Test
	void runWithoutLambdaRuntimeShouldNotContributeHealth() {
		this.contextRunner
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LambdaExtensionHealthIndicator.class));
	}

	@Test
	void userDefinedIndicatorShouldReplaceOurs() {
		this.contextRunner.withPropertyValues("lambda.extension.runtime-api=" + this.emulator.runtimeApi())
			.withBean("lambdaextensionHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LambdaExtensionHealthIndicator.class));
	}

}
