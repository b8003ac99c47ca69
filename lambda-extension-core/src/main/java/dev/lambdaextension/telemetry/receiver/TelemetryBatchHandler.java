package dev.lambdaextension.telemetry.receiver;

import java.util.List;

import dev.lambdaextension.telemetry.TelemetryEvent;

/**
 * Accepts the events of one batch received by a {@link TelemetryReceiver}. Called on a
 * receiver thread while Lambda waits for the answer, so it must return quickly.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface TelemetryBatchHandler {

	/**
	 * Offer the parsed events of one batch.
	 * @param events the events, in the order Lambda sent them, never empty
	 * @return {@code true} if the batch was accepted, {@code false} if it could not be
	 * accepted and Lambda should send it again later
	 */
	boolean offer(List<TelemetryEvent> events);

}
