package dev.lambdaextension.telemetry.receiver;

/**
 * Thrown when a request cannot be read as HTTP/1.x or breaks a limit; the connection is
 * answered with {@link #status()} and closed.
 */
final class HttpProtocolException extends Exception {

	private static final long serialVersionUID = 1L;

	private final int status;

	HttpProtocolException(int status, String message) {
		super(message, null, false, false);
		this.status = status;
	}

	/**
	 * Return the status to answer with.
	 * @return the HTTP status
	 */
	int status() {
		return this.status;
	}

}
