package dev.lambdaextension.autoconfigure;

/**
 * Thrown at start-up when {@code lambda.extension.logs.enabled} asks for the Logs API where
 * it cannot be used: together with a Telemetry API subscription, or on Lambda Managed
 * Instances.
 *
 * @since 0.2.0
 */
public class LogsApiConfigurationException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String action;

	/**
	 * Create an exception.
	 * @param message what is wrong
	 * @param action what to change
	 */
	public LogsApiConfigurationException(String message, String action) {
		super(message);
		this.action = action;
	}

	/**
	 * Return what to change.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
