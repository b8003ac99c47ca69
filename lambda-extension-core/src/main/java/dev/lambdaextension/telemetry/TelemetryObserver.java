package dev.lambdaextension.telemetry;

import java.time.Duration;
import java.util.List;

/**
 * Callbacks from the telemetry pipeline (receiver, dispatch queue, listeners) for
 * metrics and diagnostics. Every method does nothing by default.
 * <p>
 * Callbacks run on the pipeline's own threads, some of them while Lambda waits for the
 * answer to a delivery or while the dispatch queue is locked: they must return quickly,
 * must not block and must not call back into the pipeline. They never receive more
 * payload than the parsed events of a batch, which they must not log.
 *
 * @since 0.1.0
 * @see #composite(List)
 */
public interface TelemetryObserver {

	/**
	 * An observer that does nothing.
	 */
	TelemetryObserver NONE = new TelemetryObserver() {
	};

	/**
	 * Called by the receiver for every delivery it parsed, before the events are offered
	 * for dispatch.
	 * @param events the events that could be read, possibly none
	 */
	default void batchReceived(List<TelemetryEvent> events) {
	}

	/**
	 * Called by the receiver when elements of a delivery could not be read as an event
	 * and were skipped.
	 * @param count how many elements were skipped
	 */
	default void eventsMalformed(int count) {
	}

	/**
	 * Called by the receiver when a delivery's body is not a JSON array and was refused
	 * as a whole.
	 */
	default void batchMalformed() {
	}

	/**
	 * Called by the dispatcher when it refused events, which Lambda then sends again.
	 * @param count how many events were refused
	 */
	default void eventsRejected(int count) {
	}

	/**
	 * Called by the dispatcher when it dropped events because its queue was full.
	 * @param count how many events were dropped
	 */
	default void eventsDropped(int count) {
	}

	/**
	 * Called by the dispatcher when accepted events were abandoned at drain or close.
	 * @param count how many events were not delivered
	 */
	default void eventsUndelivered(long count) {
	}

	/**
	 * Called by the dispatcher after a batch was handed to its consumer.
	 * @param count the number of events of the batch
	 * @param latency the time from the batch's acceptance to the consumer's return
	 */
	default void batchDispatched(int count, Duration latency) {
	}

	/**
	 * Called when a telemetry listener threw an exception.
	 * @param listenerId the listener's id
	 * @param failure the exception
	 */
	default void listenerFailed(String listenerId, Throwable failure) {
	}

	/**
	 * Return an observer that calls each of the given observers in order, logging and
	 * ignoring any exception one of them throws.
	 * @param observers the observers
	 * @return {@link #NONE} when there is none, otherwise a composite
	 */
	static TelemetryObserver composite(List<? extends TelemetryObserver> observers) {
		if (observers.isEmpty()) {
			return NONE;
		}
		return new CompositeTelemetryObserver(List.copyOf(observers));
	}

}
