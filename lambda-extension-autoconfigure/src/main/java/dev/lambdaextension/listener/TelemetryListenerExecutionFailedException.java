package dev.lambdaextension.listener;

import java.util.List;

import dev.lambdaextension.telemetry.TelemetryEvent;

/**
 * Thrown, and passed to a {@link TelemetryListenerErrorHandler}, when a
 * {@code @TelemetryListener} method fails. The message names the listener, the number of
 * events and their types, never their payload.
 *
 * @since 0.1.0
 */
public class TelemetryListenerExecutionFailedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String listenerId;

	private final transient List<TelemetryEvent> events;

	/**
	 * Create a new instance.
	 * @param listenerId the id of the failed listener
	 * @param description the bean and method of the listener
	 * @param events the events being delivered
	 * @param cause the exception the listener threw
	 */
	public TelemetryListenerExecutionFailedException(String listenerId, String description,
			List<TelemetryEvent> events, Throwable cause) {
		super("@TelemetryListener '" + listenerId + "' (" + description + ") failed on " + events.size()
				+ " event(s) of type(s) " + events.stream().map(TelemetryEvent::type).distinct().toList(), cause);
		this.listenerId = listenerId;
		this.events = List.copyOf(events);
	}

	/**
	 * Return the id of the failed listener.
	 * @return the listener id
	 */
	public String getListenerId() {
		return this.listenerId;
	}

	/**
	 * Return the events the listener failed on: one event, or the batch of a batch
	 * listener.
	 * @return the events
	 */
	public List<TelemetryEvent> getEvents() {
		return this.events;
	}

}
