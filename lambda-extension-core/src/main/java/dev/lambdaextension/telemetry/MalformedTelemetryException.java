package dev.lambdaextension.telemetry;

/**
 * Thrown when a telemetry batch as a whole cannot be read: the body is not a JSON array or
 * is not valid JSON. The message describes the problem and its location, never the
 * payload.
 *
 * @since 0.1.0
 */
public class MalformedTelemetryException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param message the detail message, which must not contain any payload
	 */
	public MalformedTelemetryException(String message) {
		super(message);
	}

}
