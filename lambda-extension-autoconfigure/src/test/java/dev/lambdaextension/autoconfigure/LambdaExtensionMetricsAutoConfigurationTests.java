package dev.lambdaextension.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.lambdaextension.listener.TelemetryListenerRegistry;
import dev.lambdaextension.metrics.LambdaExtensionMetrics;
import dev.lambdaextension.metrics.LambdaFunctionMetrics;
import dev.lambdaextension.metrics.TelemetryListenerMetrics;
import dev.lambdaextension.metrics.TelemetryPipelineMetrics;
import dev.lambdaextension.telemetry.FunctionLog;
import dev.lambdaextension.telemetry.TelemetryListener;
import dev.lambdaextension.telemetry.TelemetryTypes;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.logging.LogCapture;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LambdaExtensionMetricsAutoConfiguration}.
 */
class LambdaExtensionMetricsAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LambdaExtensionAutoConfiguration.class,
				LambdaTelemetryAutoConfiguration.class, LambdaExtensionMetricsAutoConfiguration.class))
		.withPropertyValues("lambda.extension.name=metrics-test", "lambda.extension.shutdown.exit-process=false");

	@AutoClose
	private final LambdaEmulator emulator = LambdaEmulator.start();

	@RegisterExtension
	final LogCapture logs = LogCapture.of("dev.lambdaextension");

	@Test
	void runWithoutMeterRegistryShouldNotRecordMeters() {
		this.contextRunner.withPropertyValues("lambda.extension.runtime-api=" + this.emulator.runtimeApi())
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LambdaExtensionMetrics.class)
				.doesNotHaveBean(TelemetryPipelineMetrics.class));
	}

	@Test
	void runWithAnyMeterRegistryShouldRecordExtensionMetersOnly() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("lambda.extension.runtime-api=" + this.emulator.runtimeApi())
			.run((context) -> {
				assertThat(context).hasSingleBean(LambdaExtensionMetrics.class)
					.hasSingleBean(TelemetryPipelineMetrics.class)
					.doesNotHaveBean(LambdaFunctionMetrics.class);
				this.emulator.awaitInitComplete(WAIT);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("lambda.extension.telemetry.dispatch.queue.depth").gauge()).isNotNull();
				assertThat(registry.find("lambda.extension.startup").tag("phase", "first-next").timeGauge())
					.isNotNull();
				assertThat(this.emulator.history().calls(LambdaEmulator.TELEMETRY_PATH)).isEmpty();
			});
	}

	@Test
	void runWithSpringBootMetricsShouldUseItsRegistry() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
			.withPropertyValues("lambda.extension.runtime-api=" + this.emulator.runtimeApi())
			.run((context) -> {
				assertThat(context).hasSingleBean(LambdaExtensionMetrics.class);
				assertThat(context.getBean(MeterRegistry.class).find("lambda.extension.telemetry.batches").functionCounter())
					.isNotNull();
			});
	}

	@Test
	void runWithoutMicrometerShouldNotRecordMeters() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
			.withPropertyValues("lambda.extension.runtime-api=" + this.emulator.runtimeApi())
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LambdaExtensionMetrics.class));
	}

	@Test
	void runWithFunctionMetricsEnabledShouldSubscribeToPlatformTelemetry() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("lambda.extension.runtime-api=" + this.emulator.runtimeApi(),
					"lambda.extension.metrics.function.enabled=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(LambdaFunctionMetrics.class);
				this.emulator.awaitInitComplete(WAIT);
				assertThat(this.emulator.telemetry().subscriptions()).singleElement()
					.satisfies((subscription) -> assertThat(subscription.types()).containsExactly("platform"));
			});
	}

	@Test
	void runWithFunctionMetricsEnabledAndTelemetryDisabledShouldNotRecordFunctionMeters() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("lambda.extension.runtime-api=" + this.emulator.runtimeApi(),
					"lambda.extension.metrics.function.enabled=true", "lambda.extension.telemetry.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(LambdaExtensionMetrics.class)
				.doesNotHaveBean(TelemetryPipelineMetrics.class)
				.doesNotHaveBean(LambdaFunctionMetrics.class));
	}

	@Test
	void asynchronousListenerShouldCountItsOverflowAndShutdownLosses() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withBean(SlowListener.class)
			.withPropertyValues("lambda.extension.runtime-api=" + this.emulator.runtimeApi())
			.run((context) -> {
				assertThat(context).hasSingleBean(TelemetryListenerMetrics.class);
				SlowListener slow = context.getBean(SlowListener.class);
				TelemetryListenerRegistry listeners = context.getBean(TelemetryListenerRegistry.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				try {
					listeners.consume(List.of(log("running")));
					assertThat(slow.running.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
					listeners.consume(List.of(log("queued")));
					listeners.consume(List.of(log("dropped"), log("dropped too")));
					assertThat(dropped(registry, "slow", "overflow")).isEqualTo(2);
					assertThat(dropped(registry, "slow", "shutdown")).isZero();
					listeners.drain(Instant.now().plusMillis(50));
					assertThat(dropped(registry, "slow", "shutdown")).as("the running call and the queued one")
						.isEqualTo(2);
				}
				finally {
					slow.release.countDown();
				}
				assertThat(registry.find("lambda.extension.telemetry.listener.dropped").tag("listener", "quick").meters())
					.isEmpty();
			});
	}

	private static double dropped(MeterRegistry registry, String listener, String reason) {
		return registry.get("lambda.extension.telemetry.listener.dropped")
			.tag("listener", listener)
			.tag("reason", reason)
			.functionCounter()
			.count();
	}

	private static FunctionLog log(String message) {
		return new FunctionLog(Instant.now(), message, null, null, null,
				JsonMapper.shared().getNodeFactory().stringNode(message));
	}

	static class SlowListener {

		final CountDownLatch running = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@TelemetryListener(id = "slow", types = TelemetryTypes.FUNCTION, async = true, queueCapacity = 1)
		void slow(FunctionLog log) {
			this.running.countDown();
			try {
				this.release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				// The drain interrupts a call still running at its deadline; counted as lost, not as a failure.
				Thread.currentThread().interrupt();
			}
		}

		@TelemetryListener(id = "quick", types = TelemetryTypes.FUNCTION)
		void quick(FunctionLog log) {
		}

	}

}
