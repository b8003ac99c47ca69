package dev.lambdaextension.client;

import java.time.Instant;

/**
 * An event returned by the {@code event/next} long poll.
 *
 * @since 0.1.0
 */
public sealed interface NextEvent permits InvokeEvent, ShutdownEvent, UnrecognizedEvent {

	/**
	 * Return the instant by which the current phase must end.
	 * @return the deadline
	 */
	Instant deadline();

}
