package dev.lambdaextension.lifecycle;

import java.time.Instant;

import dev.lambdaextension.client.ShutdownEvent;

/**
 * Delivers the telemetry that is still coming after {@code SHUTDOWN}: Lambda sends the
 * last invocation's {@code platform.report} (and what the stopping runtime logs) only
 * then. Called on the loop thread after the {@code SHUTDOWN} listeners and the
 * participants; {@link ExtensionShutdownCompletedEvent} follows.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface TelemetryDrain {

	/**
	 * A drain with nothing to deliver.
	 */
	TelemetryDrain NONE = (shutdown, until) -> new Outcome(0, 0);

	/**
	 * Keep receiving until the telemetry of every invocation seen has arrived or nothing
	 * more comes, then deliver what was accepted, all before {@code until}.
	 * @param shutdown the shutdown event
	 * @param until when receiving and delivering must have ended
	 * @return how many events were delivered while draining and how many accepted events
	 * were lost
	 */
	Outcome drain(ShutdownEvent shutdown, Instant until);

	/**
	 * What a drain achieved.
	 *
	 * @param delivered events delivered to listeners after {@code SHUTDOWN}
	 * @param lost events accepted from Lambda (answered with success) that never reached
	 * the listeners, over the whole life of the process
	 */
	record Outcome(long delivered, long lost) {
	}

}
