package dev.lambdaextension.telemetry.dispatch;

/**
 * Snapshot of the counters of a {@link TelemetryDispatcher}, in events.
 *
 * @param acceptedEvents events accepted into the queue
 * @param rejectedEvents events refused, for Lambda to send again
 * @param droppedEvents events dropped because the queue was full
 * @param dispatchedEvents events handed to the consumer
 * @param undeliveredEvents accepted events abandoned at drain or close
 * @param queueDepth events waiting in the queue
 * @param consumerFailures batches whose consumer threw an exception
 * @since 0.1.0
 */
public record DispatcherStats(long acceptedEvents, long rejectedEvents, long droppedEvents, long dispatchedEvents,
		long undeliveredEvents, int queueDepth, long consumerFailures) {

}
