package dev.lambdaextension.telemetry;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A {@code platform.restoreStart} event: a SnapStart restore began.
 *
 * @param time when the platform generated the event
 * @param functionName the function name, when present
 * @param functionVersion the function version, when present
 * @param instanceId the instance id, when present
 * @param instanceMaxMemory the instance memory, sent as a number or a numeric string, when
 * present
 * @param runtimeVersion the runtime version, when present
 * @param runtimeVersionArn the runtime version ARN, when present
 * @param record the raw record
 * @since 0.1.0
 */
public record PlatformRestoreStart(Instant time, @Nullable String functionName, @Nullable String functionVersion,
		@Nullable String instanceId, @Nullable Long instanceMaxMemory, @Nullable String runtimeVersion,
		@Nullable String runtimeVersionArn, JsonNode record) implements TelemetryEvent {

	public PlatformRestoreStart {
		Objects.requireNonNull(time, "'time' must not be null");
		Objects.requireNonNull(record, "'record' must not be null");
	}

	@Override
	public String type() {
		return TelemetryTypes.PLATFORM_RESTORE_START;
	}

	static PlatformRestoreStart from(Instant time, JsonNode record) {
		RecordFields.requireObject(record, TelemetryTypes.PLATFORM_RESTORE_START);
		return new PlatformRestoreStart(time, RecordFields.optionalString(record, "functionName"),
				RecordFields.optionalString(record, "functionVersion"),
				RecordFields.optionalString(record, "instanceId"), RecordFields.optionalLong(record, "instanceMaxMemory"),
				RecordFields.optionalString(record, "runtimeVersion"),
				RecordFields.optionalString(record, "runtimeVersionArn"), record);
	}

}
