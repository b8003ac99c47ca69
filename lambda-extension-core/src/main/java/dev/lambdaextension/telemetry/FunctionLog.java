package dev.lambdaextension.telemetry;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A {@code function} event: one log record of the function, from its stdout or stderr
 * or its logger under the JSON log format. May contain user data, so never log it above
 * DEBUG.
 *
 * @param time when the platform generated the event
 * @param message the message, see {@link LogRecord#message()}
 * @param level the level of a JSON record, when present
 * @param requestId the request id of a JSON record, when present
 * @param timestamp the timestamp of a JSON record, when present
 * @param record the raw record, a string or an object
 * @since 0.1.0
 */
public record FunctionLog(Instant time, String message, @Nullable String level, @Nullable String requestId,
		@Nullable Instant timestamp, JsonNode record) implements LogRecord {

	public FunctionLog {
		Objects.requireNonNull(time, "'time' must not be null");
		Objects.requireNonNull(message, "'message' must not be null");
		Objects.requireNonNull(record, "'record' must not be null");
	}

	@Override
	public String type() {
		return TelemetryTypes.FUNCTION;
	}

	/**
	 * Describe the record without its message, which may hold user data.
	 * @return the type, time, level and request id
	 */
	@Override
	public String toString() {
		return LogRecords.describe(type(), this.time, this.level, this.requestId);
	}

	static FunctionLog from(Instant time, JsonNode record) {
		LogRecords.requireShape(record, TelemetryTypes.FUNCTION);
		return new FunctionLog(time, LogRecords.message(record), LogRecords.string(record, "level"),
				LogRecords.string(record, "requestId"), LogRecords.timestamp(record), record);
	}

}
