package dev.lambdaextension.client;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An answer of {@code event/next} that is neither {@code INVOKE} nor {@code SHUTDOWN}: an
 * event type this library does not know, or a body that could not be read at all (for
 * example cut short). The phase it started still ends with the next {@code event/next}
 * call, so the event loop goes on.
 *
 * @param eventType the {@code eventType} as sent, or {@code null} when the body could not
 * be read
 * @param problem what was wrong with it, without the body
 * @param deadline the {@code deadlineMs} when it could be read, otherwise {@link Instant#EPOCH}
 * @since 0.1.0
 */
public record UnrecognizedEvent(@Nullable String eventType, String problem, Instant deadline) implements NextEvent {
}
