package dev.lambdaextension.telemetry;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A {@code platform.start} event: an invocation began.
 *
 * @param time when the platform generated the event
 * @param requestId the request id of the invocation
 * @param version the function version, when present
 * @param tracing the trace context, when present
 * @param tenantId the tenant id of a multi-tenant function, when present
 * @param record the raw record
 * @since 0.1.0
 */
public record PlatformStart(Instant time, String requestId, @Nullable String version, @Nullable TraceContext tracing,
		@Nullable String tenantId, JsonNode record) implements TelemetryEvent {

	public PlatformStart {
		Objects.requireNonNull(time, "'time' must not be null");
		Objects.requireNonNull(requestId, "'requestId' must not be null");
		Objects.requireNonNull(record, "'record' must not be null");
	}

	@Override
	public String type() {
		return TelemetryTypes.PLATFORM_START;
	}

	static PlatformStart from(Instant time, JsonNode record) {
		RecordFields.requireObject(record, TelemetryTypes.PLATFORM_START);
		return new PlatformStart(time, RecordFields.requiredString(record, "requestId"),
				RecordFields.optionalString(record, "version"), RecordFields.tracing(record),
				RecordFields.optionalString(record, "tenantId"), record);
	}

}
