package dev.lambdaextension.autoconfigure;

import dev.lambdaextension.telemetry.receiver.TelemetryReceiver;

/**
 * Callback for beans that adjust the auto-configured {@link TelemetryReceiver} after the
 * {@code lambda.extension.telemetry.receiver.*} properties are applied and before it is
 * built: a custom parser, limits or an address the properties do not cover. Customizers
 * run in {@link org.springframework.core.annotation.Order @Order}.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface TelemetryReceiverCustomizer {

	/**
	 * Customize the receiver's builder.
	 * @param builder the builder, with the properties applied
	 */
	void customize(TelemetryReceiver.Builder builder);

}
