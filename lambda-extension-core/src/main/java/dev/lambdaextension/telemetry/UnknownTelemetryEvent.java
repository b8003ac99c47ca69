package dev.lambdaextension.telemetry;

import java.time.Instant;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * An event whose type has no typed view, for example {@code platform.fault} or a type
 * added to the Telemetry API after this release. Passed through with its raw record.
 *
 * @param type the event type exactly as sent
 * @param time when the platform generated the event
 * @param record the raw record: any JSON value, or a missing node when the event had none
 * @since 0.1.0
 */
public record UnknownTelemetryEvent(String type, Instant time, JsonNode record) implements TelemetryEvent {

	public UnknownTelemetryEvent {
		Objects.requireNonNull(type, "'type' must not be null");
		Objects.requireNonNull(time, "'time' must not be null");
		Objects.requireNonNull(record, "'record' must not be null");
	}

	/**
	 * Describe the event without its record, which may hold user data.
	 * @return the type and time
	 */
	@Override
	public String toString() {
		return "UnknownTelemetryEvent[type=" + this.type + ", time=" + this.time + ", record=<redacted>]";
	}

}
