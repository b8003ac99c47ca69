package dev.lambdaextension.telemetry.dispatch;

import java.util.List;

import dev.lambdaextension.telemetry.TelemetryEvent;

/**
 * Told about events a {@link TelemetryDispatcher} is done with: handed to the consumer
 * (whether or not it threw) or dropped on overflow. Called off the dispatcher's lock, on
 * the dispatching thread or the thread that offered the batch; it must return quickly.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SettledEventsListener {

	/**
	 * Listener that does nothing.
	 */
	SettledEventsListener NONE = (events) -> {
	};

	/**
	 * Called with events the dispatcher is done with.
	 * @param events the events, in the order they were received
	 */
	void settled(List<TelemetryEvent> events);

}
