package dev.lambdaextension.test.launcher;

/**
 * Thrown when a {@link LambdaSession} phase fails, for example when an extension crashes during Init.
 *
 * @since 0.1.0
 */
public class LambdaSessionException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message the failure, including the platform error type when known
	 * @param cause the cause, or {@code null}
	 */
	public LambdaSessionException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Create an exception.
	 * @param message the failure, including the platform error type when known
	 */
	public LambdaSessionException(String message) {
		super(message);
	}

}
