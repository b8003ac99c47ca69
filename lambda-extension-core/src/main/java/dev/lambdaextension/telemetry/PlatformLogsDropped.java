package dev.lambdaextension.telemetry;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A {@code platform.logsDropped} event: Lambda dropped records, for example because the
 * consumer is slower than the log production rate.
 *
 * @param time when the platform generated the event
 * @param droppedBytes the number of bytes dropped
 * @param droppedRecords the number of records dropped
 * @param reason why the records were dropped, when present
 * @param record the raw record
 * @since 0.1.0
 */
public record PlatformLogsDropped(Instant time, long droppedBytes, long droppedRecords, @Nullable String reason,
		JsonNode record) implements TelemetryEvent {

	public PlatformLogsDropped {
		Objects.requireNonNull(time, "'time' must not be null");
		Objects.requireNonNull(record, "'record' must not be null");
	}

	@Override
	public String type() {
		return TelemetryTypes.PLATFORM_LOGS_DROPPED;
	}

	static PlatformLogsDropped from(Instant time, JsonNode record) {
		RecordFields.requireObject(record, TelemetryTypes.PLATFORM_LOGS_DROPPED);
		return new PlatformLogsDropped(time, RecordFields.requiredLong(record, "droppedBytes"),
				RecordFields.requiredLong(record, "droppedRecords"), RecordFields.optionalString(record, "reason"),
				record);
	}

}
