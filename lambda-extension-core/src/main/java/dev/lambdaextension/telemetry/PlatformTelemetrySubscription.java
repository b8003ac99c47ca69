package dev.lambdaextension.telemetry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A {@code platform.telemetrySubscription} event: an extension subscribed to the
 * Telemetry API.
 *
 * @param time when the platform generated the event
 * @param name the name of the extension that subscribed
 * @param state the subscription state as sent, normally {@code Subscribed}, when present
 * @param types the subscribed streams, for example {@code platform}, empty when absent
 * @param record the raw record
 * @since 0.1.0
 */
public record PlatformTelemetrySubscription(Instant time, String name, @Nullable String state, List<String> types,
		JsonNode record) implements TelemetryEvent {

	public PlatformTelemetrySubscription {
		Objects.requireNonNull(time, "'time' must not be null");
		Objects.requireNonNull(name, "'name' must not be null");
		types = List.copyOf(types);
		Objects.requireNonNull(record, "'record' must not be null");
	}

	@Override
	public String type() {
		return TelemetryTypes.PLATFORM_TELEMETRY_SUBSCRIPTION;
	}

	static PlatformTelemetrySubscription from(Instant time, JsonNode record) {
		RecordFields.requireObject(record, TelemetryTypes.PLATFORM_TELEMETRY_SUBSCRIPTION);
		return new PlatformTelemetrySubscription(time, RecordFields.requiredString(record, "name"),
				RecordFields.optionalString(record, "state"), RecordFields.stringList(record, "types"), record);
	}

}
