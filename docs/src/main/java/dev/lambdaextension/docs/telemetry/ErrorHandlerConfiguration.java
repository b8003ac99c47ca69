package dev.lambdaextension.docs.telemetry;

import dev.lambdaextension.listener.TelemetryListenerErrorHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A custom error handler for a telemetry listener.
 */
@Configuration(proxyBeanMethods = false)
public class ErrorHandlerConfiguration {

	private static final Log logger = LogFactory.getLog(ErrorHandlerConfiguration.class);

	// tag::bean[]
	@Bean
	TelemetryListenerErrorHandler retryingErrorHandler() {
		return (failure) -> logger.warn("Listener " + failure.getListenerId() + " failed on "
				+ failure.getEvents().size() + " events: " + failure.getCause());
	}
	// end::bean[]

}
