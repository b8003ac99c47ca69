package dev.lambdaextension.telemetry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A {@code platform.runtimeDone} event: the runtime finished an invocation. This, not
 * {@link PlatformReport}, is the "function finished" signal; the report often arrives
 * during the next invocation.
 *
 * @param time when the platform generated the event
 * @param requestId the request id of the invocation
 * @param status the status as sent ({@code success}, {@code failure}, {@code error} or
 * {@code timeout}), when present
 * @param errorType the error type when the status is not a success, when present
 * @param metrics the metrics, when present
 * @param spans the spans, for example {@code responseLatency}, empty when absent
 * @param tracing the trace context, when present
 * @param tenantId the tenant id of a multi-tenant function, when present
 * @param record the raw record
 * @since 0.1.0
 */
public record PlatformRuntimeDone(Instant time, String requestId, @Nullable String status, @Nullable String errorType,
		@Nullable RuntimeDoneMetrics metrics, List<Span> spans, @Nullable TraceContext tracing,
		@Nullable String tenantId, JsonNode record) implements TelemetryEvent, PhaseOutcome {

	public PlatformRuntimeDone {
		Objects.requireNonNull(time, "'time' must not be null");
		Objects.requireNonNull(requestId, "'requestId' must not be null");
		spans = List.copyOf(spans);
		Objects.requireNonNull(record, "'record' must not be null");
	}

	@Override
	public String type() {
		return TelemetryTypes.PLATFORM_RUNTIME_DONE;
	}

	static PlatformRuntimeDone from(Instant time, JsonNode record) {
		RecordFields.requireObject(record, TelemetryTypes.PLATFORM_RUNTIME_DONE);
		JsonNode metrics = RecordFields.optionalObject(record, "metrics");
		return new PlatformRuntimeDone(time, RecordFields.requiredString(record, "requestId"),
				RecordFields.optionalString(record, "status"), RecordFields.optionalString(record, "errorType"),
				(metrics != null) ? RuntimeDoneMetrics.from(metrics) : null, RecordFields.spans(record),
				RecordFields.tracing(record), RecordFields.optionalString(record, "tenantId"), record);
	}

}
