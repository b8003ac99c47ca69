package dev.lambdaextension.telemetry.dispatch;

/**
 * What a {@link TelemetryDispatcher} does with a batch that does not fit in its queue.
 * A batch larger than the whole capacity is still accepted when the queue is empty, so
 * it is never refused forever.
 *
 * @since 0.1.0
 */
public enum OverflowStrategy {

	/**
	 * Refuse the whole batch: the receiver answers {@code 503} and Lambda keeps the batch
	 * and sends it again later. Nothing is lost while Lambda's own buffer holds.
	 */
	REJECT,

	/**
	 * Drop the oldest queued events until the new batch fits.
	 */
	DROP_OLDEST,

	/**
	 * Keep the queued events and drop the events of the new batch that do not fit.
	 */
	DROP_NEWEST

}
