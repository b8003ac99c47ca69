package dev.lambdaextension.telemetry;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A {@code platform.initStart} event: init began.
 *
 * @param time when the platform generated the event
 * @param initializationType the initialization type as sent, for example
 * {@code on-demand}, {@code provisioned-concurrency} or {@code snap-start}, when present
 * @param phase the init phase as sent ({@code init}, or {@code invoke} for a suppressed
 * init), when present
 * @param functionName the function name, when present (absent in older schema versions)
 * @param functionVersion the function version, when present
 * @param instanceId the instance id, when present
 * @param instanceMaxMemory the instance memory, sent as a number or a numeric string, when
 * present
 * @param runtimeVersion the runtime version, when present
 * @param runtimeVersionArn the runtime version ARN, when present
 * @param record the raw record
 * @since 0.1.0
 */
public record PlatformInitStart(Instant time, @Nullable String initializationType, @Nullable String phase,
		@Nullable String functionName, @Nullable String functionVersion, @Nullable String instanceId,
		@Nullable Long instanceMaxMemory, @Nullable String runtimeVersion, @Nullable String runtimeVersionArn,
		JsonNode record) implements TelemetryEvent {

	public PlatformInitStart {
		Objects.requireNonNull(time, "'time' must not be null");
		Objects.requireNonNull(record, "'record' must not be null");
	}

	@Override
	public String type() {
		return TelemetryTypes.PLATFORM_INIT_START;
	}

	static PlatformInitStart from(Instant time, JsonNode record) {
		RecordFields.requireObject(record, TelemetryTypes.PLATFORM_INIT_START);
		return new PlatformInitStart(time, RecordFields.optionalString(record, "initializationType"),
				RecordFields.optionalString(record, "phase"), RecordFields.optionalString(record, "functionName"),
				RecordFields.optionalString(record, "functionVersion"),
				RecordFields.optionalString(record, "instanceId"), RecordFields.optionalLong(record, "instanceMaxMemory"),
				RecordFields.optionalString(record, "runtimeVersion"),
				RecordFields.optionalString(record, "runtimeVersionArn"), record);
	}

}
