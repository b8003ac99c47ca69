package dev.lambdaextension.test.emulator;

/**
 * An event the emulator has written to an extension's {@code event/next} connection. It is recorded after the
 * answer was written and before telemetry held by a freeze is released, so a batch that reached a listener
 * after the release always has a later {@link System#nanoTime()} than the hand-out that released it.
 *
 * @param extensionName the receiving extension
 * @param eventType {@code INVOKE}, {@code SHUTDOWN} or an injected unknown type
 * @param body the body as sent (possibly truncated by a fault)
 * @param handedOutNanos when the answer had been written, as {@link System#nanoTime()}
 * @since 0.1.0
 */
public record HandedOutEvent(String extensionName, String eventType, String body, long handedOutNanos) {
}
