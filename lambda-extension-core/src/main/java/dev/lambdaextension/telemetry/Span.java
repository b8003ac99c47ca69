package dev.lambdaextension.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * A timed segment reported inside a platform event, for example {@code responseLatency}
 * in {@code platform.runtimeDone} or {@code extensionOverhead} in {@code platform.report}.
 *
 * @param name the span name, exactly as sent
 * @param start when the span started
 * @param durationMs the duration in milliseconds, possibly fractional
 * @since 0.1.0
 */
public record Span(String name, Instant start, double durationMs) {

	public Span {
		Objects.requireNonNull(name, "'name' must not be null");
		Objects.requireNonNull(start, "'start' must not be null");
	}

	/**
	 * Return when the span ended, {@link #start()} plus {@link #durationMs()} rounded to
	 * nanoseconds.
	 * @return the end of the span
	 */
	public Instant end() {
		return this.start.plus(Duration.ofNanos(Math.round(this.durationMs * 1_000_000)));
	}

	static Span from(JsonNode node) {
		return new Span(RecordFields.requiredString(node, "name"), RecordFields.requiredInstant(node, "start"),
				RecordFields.requiredDouble(node, "durationMs"));
	}

}
