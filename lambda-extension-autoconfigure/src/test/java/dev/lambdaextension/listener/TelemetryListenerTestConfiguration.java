package dev.lambdaextension.listener;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code @TelemetryListener} infrastructure, as auto-configuration will register it.
 */
@Configuration(proxyBeanMethods = false)
class TelemetryListenerTestConfiguration {

	@Bean
	static TelemetryListenerAnnotationBeanPostProcessor telemetryListenerAnnotationBeanPostProcessor() {
		return new TelemetryListenerAnnotationBeanPostProcessor();
	}

	@Bean
	TelemetryListenerRegistry telemetryListenerRegistry() {
		return new TelemetryListenerRegistry();
	}

}
