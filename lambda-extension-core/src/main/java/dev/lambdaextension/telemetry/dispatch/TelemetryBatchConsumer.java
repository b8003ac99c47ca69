package dev.lambdaextension.telemetry.dispatch;

import java.util.List;

import dev.lambdaextension.telemetry.TelemetryEvent;

/**
 * Receives, in order, every batch a {@link TelemetryDispatcher} accepted. Called on the
 * dispatch thread, one batch at a time.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface TelemetryBatchConsumer {

	/**
	 * Consume one batch. An exception is logged by the dispatcher and does not stop
	 * dispatch.
	 * @param batch the events, in the order Lambda sent them, never empty
	 */
	void consume(List<TelemetryEvent> batch);

}
