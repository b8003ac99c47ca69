package dev.lambdaextension.listener;

/**
 * Callback for beans that register telemetry listeners in code, once every singleton
 * exists and before the Telemetry API subscription is made, so that the listeners' types
 * count towards it. Beans of this type are called in order ({@code @Order} or
 * {@link org.springframework.core.Ordered}).
 *
 * @since 0.1.0
 * @see SimpleTelemetryListenerEndpoint
 */
@FunctionalInterface
public interface TelemetryListenerConfigurer {

	/**
	 * Register listeners.
	 * @param registrar where to register them
	 */
	void configureTelemetryListeners(TelemetryListenerEndpointRegistrar registrar);

}
