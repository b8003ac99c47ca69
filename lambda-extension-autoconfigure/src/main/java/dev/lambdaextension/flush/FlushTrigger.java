package dev.lambdaextension.flush;

/**
 * Why a {@link TelemetryFlusher} is called.
 *
 * @since 0.2.0
 */
public enum FlushTrigger {

	/**
	 * An invocation's telemetry was dispatched, before the extension asks for the next
	 * event; the time is billed.
	 */
	INVOCATION_COMPLETED,

	/**
	 * The flush interval elapsed.
	 */
	PERIODIC,

	/**
	 * A batch of telemetry was dispatched to the listeners.
	 */
	BATCH_DISPATCHED,

	/**
	 * The telemetry that arrived after {@code SHUTDOWN} was delivered: the last call.
	 */
	SHUTDOWN

}
