package dev.lambdaextension.telemetry.receiver;

/**
 * Snapshot of the counters of a {@link TelemetryReceiver}.
 *
 * @param batchesReceived batches parsed and offered to the handler
 * @param eventsReceived events parsed and offered to the handler
 * @param malformedEvents array elements that could not be read as an event
 * @param malformedBodies request bodies that were not a JSON array (among the rejected
 * bodies)
 * @param rejectedBodies requests refused before reaching the handler: another path,
 * wrong method, body too large, body not a JSON array, or not valid HTTP/1.1
 * @param refusedBatches batches the handler could not accept
 * @since 0.1.0
 */
public record ReceiverStats(long batchesReceived, long eventsReceived, long malformedEvents, long malformedBodies,
		long rejectedBodies, long refusedBatches) {

}
