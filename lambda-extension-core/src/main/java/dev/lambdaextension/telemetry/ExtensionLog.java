package dev.lambdaextension.telemetry;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An {@code extension} event: one log record from an extension's stdout or stderr. May
 * contain user data, so never log it above DEBUG.
 *
 * @param time when the platform generated the event
 * @param message the message, see {@link LogRecord#message()}
 * @param level the level of a JSON record, when present
 * @param requestId the request id of a JSON record, when present
 * @param timestamp the timestamp of a JSON record, when present
 * @param record the raw record, a string or an object
 * @since 0.1.0
 */
public record ExtensionLog(Instant time, String message, @Nullable String level, @Nullable String requestId,
		@Nullable Instant timestamp, JsonNode record) implements LogRecord {

	public ExtensionLog {
		Objects.requireNonNull(time, "'time' must not be null");
		Objects.requireNonNull(message, "'message' must not be null");
		Objects.requireNonNull(record, "'record' must not be null");
	}

	@Override
	public String type() {
		return TelemetryTypes.EXTENSION;
	}

	/**
	 * Describe the record without its message, which may hold user data.
	 * @return the type, time, level and request id
	 */
	@Override
	public String toString() {
		return LogRecords.describe(type(), this.time, this.level, this.requestId);
	}

	static ExtensionLog from(Instant time, JsonNode record) {
		LogRecords.requireShape(record, TelemetryTypes.EXTENSION);
		return new ExtensionLog(time, LogRecords.message(record), LogRecords.string(record, "level"),
				LogRecords.string(record, "requestId"), LogRecords.timestamp(record), record);
	}

}
