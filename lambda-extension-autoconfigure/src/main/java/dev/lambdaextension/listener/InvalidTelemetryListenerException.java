package dev.lambdaextension.listener;

/**
 * Thrown at start-up when a telemetry listener cannot be registered as declared: a method
 * signature the registry cannot call, a type name it does not know, an id already taken,
 * an error handler that does not exist. The message names the listener and what to change.
 *
 * @since 0.2.0
 */
public class InvalidTelemetryListenerException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message what is wrong, naming the listener
	 */
	public InvalidTelemetryListenerException(String message) {
		super(message);
	}

	/**
	 * Create an exception.
	 * @param message what is wrong, naming the listener
	 * @param cause the cause
	 */
	public InvalidTelemetryListenerException(String message, Throwable cause) {
		super(message, cause);
	}

}
