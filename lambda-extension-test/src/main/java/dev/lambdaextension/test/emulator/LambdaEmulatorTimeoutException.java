package dev.lambdaextension.test.emulator;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Thrown when a blocking call of the emulator's driving API does not reach its condition in time.
 *
 * @since 0.1.0
 */
public class LambdaEmulatorTimeoutException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String description;

	/**
	 * Create an exception for a condition that was not reached.
	 * @param description what was awaited, and the state observed at the end
	 * @param timeout how long the caller waited
	 */
	public LambdaEmulatorTimeoutException(String description, Duration timeout) {
		super("Timed out after " + timeout.toMillis() + " ms waiting for " + description,
				new TimeoutException(description));
		this.description = description;
	}

	/**
	 * Return what was awaited, and the state observed at the end.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

}
