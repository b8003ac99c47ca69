package dev.lambdaextension.telemetry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A {@code platform.extension} event: the registration state of one extension after init.
 *
 * @param time when the platform generated the event
 * @param name the extension name
 * @param state the extension state as sent, normally {@code Ready}; for example
 * {@code InitError} or {@code LaunchError} on failure; when present
 * @param events the lifecycle events the extension registered for ({@code INVOKE},
 * {@code SHUTDOWN}), empty when absent
 * @param errorType the error type on failure, when present
 * @param record the raw record
 * @since 0.1.0
 */
public record PlatformExtension(Instant time, String name, @Nullable String state, List<String> events,
		@Nullable String errorType, JsonNode record) implements TelemetryEvent {

	public PlatformExtension {
		Objects.requireNonNull(time, "'time' must not be null");
		Objects.requireNonNull(name, "'name' must not be null");
		events = List.copyOf(events);
		Objects.requireNonNull(record, "'record' must not be null");
	}

	@Override
	public String type() {
		return TelemetryTypes.PLATFORM_EXTENSION;
	}

	/**
	 * Return whether the state is {@code Ready}, ignoring case.
	 * @return whether the extension initialized successfully
	 */
	public boolean isReady() {
		return "Ready".equalsIgnoreCase(this.state);
	}

	static PlatformExtension from(Instant time, JsonNode record) {
		RecordFields.requireObject(record, TelemetryTypes.PLATFORM_EXTENSION);
		return new PlatformExtension(time, RecordFields.requiredString(record, "name"),
				RecordFields.optionalString(record, "state"), RecordFields.stringList(record, "events"),
				RecordFields.optionalString(record, "errorType"), record);
	}

}
