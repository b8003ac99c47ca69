package dev.lambdaextension.lifecycle;

import java.time.Instant;

import dev.lambdaextension.client.ShutdownReason;

/**
 * Published after {@code SHUTDOWN} once the late telemetry has arrived and been delivered
 * to the listeners, just before the context closes: the place to flush exporters.
 * Listeners run on the event loop thread and must finish before the shutdown margin runs
 * out; the process is halted when it does.
 *
 * @since 0.1.0
 */
public class ExtensionShutdownCompletedEvent extends LambdaExtensionEvent {

	private final ShutdownReason reason;

	private final Instant deadline;

	private final long deliveredEvents;

	private final long lostEvents;

	/**
	 * Create an event.
	 * @param source the publisher
	 * @param reason why the environment shuts down
	 * @param deadline when the process must have exited
	 * @param deliveredEvents telemetry events delivered after {@code SHUTDOWN}
	 * @param lostEvents telemetry events accepted from Lambda that never reached the
	 * listeners
	 */
	public ExtensionShutdownCompletedEvent(Object source, ShutdownReason reason, Instant deadline,
			long deliveredEvents, long lostEvents) {
		super(source);
		this.reason = reason;
		this.deadline = deadline;
		this.deliveredEvents = deliveredEvents;
		this.lostEvents = lostEvents;
	}

	/**
	 * Return why the environment shuts down.
	 * @return the reason
	 */
	public ShutdownReason reason() {
		return this.reason;
	}

	/**
	 * Return when the process must have exited.
	 * @return the deadline
	 */
	public Instant deadline() {
		return this.deadline;
	}

	/**
	 * Return how many telemetry events were delivered after {@code SHUTDOWN}.
	 * @return the count
	 */
	public long deliveredEvents() {
		return this.deliveredEvents;
	}

	/**
	 * Return how many telemetry events Lambda handed over that never reached the
	 * listeners; the process exits with status 1 when it is not zero.
	 * @return the count
	 */
	public long lostEvents() {
		return this.lostEvents;
	}

}
