package dev.lambdaextension.lifecycle;

import java.time.Instant;

import dev.lambdaextension.client.ShutdownReason;

/**
 * Published when Lambda shuts the environment down, as soon as the {@code SHUTDOWN} event
 * arrives. Telemetry is still coming then (the last invocation's {@code platform.report}
 * among it): flush exporters on {@link ExtensionShutdownCompletedEvent}, which follows
 * once it has been delivered. Listeners run on the event loop thread and hold up that
 * delivery, so they must be quick.
 *
 * @since 0.1.0
 */
public class ExtensionShutdownEvent extends LambdaExtensionEvent {

	private final ShutdownReason reason;

	private final Instant deadline;

	/**
	 * Create an event.
	 * @param source the publisher
	 * @param reason why the environment shuts down
	 * @param deadline when the process must have exited
	 */
	public ExtensionShutdownEvent(Object source, ShutdownReason reason, Instant deadline) {
		super(source);
		this.reason = reason;
		this.deadline = deadline;
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

}
