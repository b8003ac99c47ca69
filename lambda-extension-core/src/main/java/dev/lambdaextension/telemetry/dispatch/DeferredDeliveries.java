package dev.lambdaextension.telemetry.dispatch;

import java.time.Instant;

/**
 * Deliveries a {@link TelemetryBatchConsumer} accepted from the dispatch thread and
 * completes later on threads of its own, such as asynchronous listeners. They are not
 * part of the dispatcher's counts: at shutdown they are drained after the dispatcher, and
 * what they lost adds to what the dispatcher lost.
 *
 * @since 0.2.0
 */
public interface DeferredDeliveries {

	/**
	 * None: every delivery completes on the dispatch thread.
	 */
	DeferredDeliveries NONE = new DeferredDeliveries() {

		@Override
		public DrainResult drain(Instant deadline) {
			return new DrainResult(0, 0);
		}

		@Override
		public long lostEvents() {
			return 0;
		}

	};

	/**
	 * Complete the pending deliveries until the deadline, then stop; later deliveries are
	 * counted as lost.
	 * @param deadline when delivering must have ended
	 * @return the events delivered while draining and those still pending at the deadline
	 */
	DrainResult drain(Instant deadline);

	/**
	 * Return how many events were accepted for delivery and never delivered, over the
	 * life of the process: dropped because a queue was full, or still pending when a
	 * drain ended.
	 * @return the lost events
	 */
	long lostEvents();

}
