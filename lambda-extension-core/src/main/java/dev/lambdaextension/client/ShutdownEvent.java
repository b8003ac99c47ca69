package dev.lambdaextension.client;

import java.time.Instant;

/**
 * A {@code SHUTDOWN} event.
 *
 * @param reason why the environment shuts down
 * @param deadline when the process must have exited
 * @since 0.1.0
 */
public record ShutdownEvent(ShutdownReason reason, Instant deadline) implements NextEvent {
}
