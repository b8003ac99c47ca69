package dev.lambdaextension.telemetry.dispatch;

/**
 * Outcome of {@link TelemetryDispatcher#drain(java.time.Instant)}.
 *
 * @param delivered events handed to the consumer while draining
 * @param undelivered events still queued or being consumed when the deadline passed
 * @since 0.1.0
 */
public record DrainResult(long delivered, long undelivered) {

	/**
	 * Return whether every accepted event was delivered before the deadline.
	 * @return {@code true} if nothing was left undelivered
	 */
	public boolean isComplete() {
		return this.undelivered == 0;
	}

}
