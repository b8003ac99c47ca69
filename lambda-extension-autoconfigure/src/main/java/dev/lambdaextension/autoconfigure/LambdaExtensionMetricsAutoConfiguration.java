package dev.lambdaextension.autoconfigure;

import java.util.List;

import dev.lambdaextension.lifecycle.ExtensionEventLoop;
import dev.lambdaextension.listener.TelemetryListenerDescriptor;
import dev.lambdaextension.listener.TelemetryListenerRegistry;
import dev.lambdaextension.metrics.LambdaExtensionMetrics;
import dev.lambdaextension.metrics.LambdaFunctionMetrics;
import dev.lambdaextension.metrics.TelemetryListenerMetrics;
import dev.lambdaextension.metrics.TelemetryPipelineMetrics;
import dev.lambdaextension.telemetry.dispatch.TelemetryDispatcher;
import dev.lambdaextension.telemetry.receiver.TelemetryReceiver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the Lambda extension's Micrometer meters, in whatever {@link MeterRegistry} the
 * application has; no web server is needed. Meters about the function, derived from its
 * telemetry, are off unless {@code lambda.extension.metrics.function.enabled} is
 * {@code true}. The meters are {@link MeterBinder}s that observe the extension from its
 * start, so the registry itself may be created after the first {@code event/next}
 * (deferred initialisation) without losing what happened before.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { LambdaExtensionAutoConfiguration.class, LambdaTelemetryAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, ExtensionEventLoop.class })
@EnableConfigurationProperties(LambdaExtensionMetricsProperties.class)
public final class LambdaExtensionMetricsAutoConfiguration {

	private static final String METER_REGISTRY_POST_PROCESSOR = "org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryPostProcessor";

	private static final List<Class<?>> EXTENSION_BINDERS = List.of(LambdaExtensionMetrics.class,
			TelemetryPipelineMetrics.class, TelemetryListenerMetrics.class, LambdaFunctionMetrics.class);

	LambdaExtensionMetricsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	LambdaExtensionMetrics lambdaExtensionMetrics(ObjectProvider<TelemetryListenerRegistry> listeners) {
		LambdaExtensionMetrics metrics = new LambdaExtensionMetrics();
		metrics.setListenerFailures((id) -> failuresOf(listeners.getIfUnique(), id));
		return metrics;
	}

	private static long failuresOf(@Nullable TelemetryListenerRegistry listeners, String id) {
		TelemetryListenerDescriptor listener = (listeners != null) ? listeners.getListener(id) : null;
		return (listener != null) ? listener.failures() : 0;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ TelemetryReceiver.class, TelemetryDispatcher.class })
	TelemetryPipelineMetrics telemetryPipelineMetrics(TelemetryReceiver receiver, TelemetryDispatcher dispatcher) {
		return new TelemetryPipelineMetrics(receiver, dispatcher);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(TelemetryListenerRegistry.class)
	TelemetryListenerMetrics telemetryListenerMetrics(TelemetryListenerRegistry listeners) {
		return new TelemetryListenerMetrics(listeners);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(TelemetryListenerRegistry.class)
	@ConditionalOnBooleanProperty("lambda.extension.metrics.function.enabled")
	static class FunctionMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		LambdaFunctionMetrics lambdaFunctionMetrics() {
			return new LambdaFunctionMetrics();
		}

	}

	/**
	 * Binds the extension's meters to the registries when Spring Boot's metrics support,
	 * which binds every {@link MeterBinder} bean, is not configured.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(type = METER_REGISTRY_POST_PROCESSOR)
	static class MeterBindingConfiguration {

		@Bean
		SmartInitializingSingleton lambdaExtensionMeterBinding(ObjectProvider<MeterRegistry> registries,
				ObjectProvider<MeterBinder> binders) {
			return () -> registries.orderedStream()
				.forEach((registry) -> binders.orderedStream()
					.filter((binder) -> EXTENSION_BINDERS.stream().anyMatch((type) -> type.isInstance(binder)))
					.forEach((binder) -> binder.bindTo(registry)));
		}

	}

}
