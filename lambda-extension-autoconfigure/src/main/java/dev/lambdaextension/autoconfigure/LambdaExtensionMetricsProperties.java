package dev.lambdaextension.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the Lambda extension's Micrometer meters.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("lambda.extension.metrics")
public class LambdaExtensionMetricsProperties {

	private final Function function = new Function();

	public Function getFunction() {
		return this.function;
	}

	/**
	 * Meters about the function, derived from its platform telemetry.
	 */
	public static class Function {

		/**
		 * Whether to record meters about the function from its platform telemetry:
		 * durations, init duration, memory, cold starts, invocations by status and
		 * records Lambda dropped. Turning it on subscribes to the platform stream.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
