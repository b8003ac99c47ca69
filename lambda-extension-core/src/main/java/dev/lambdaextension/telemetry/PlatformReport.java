package dev.lambdaextension.telemetry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A {@code platform.report} event: invocation summary with metrics. The report of one
 * invocation often arrives during the next one; correlate by {@link #requestId()}.
 *
 * @param time when the platform generated the event
 * @param requestId the request id of the invocation
 * @param status the status as sent, when present
 * @param errorType the error type when the status is not a success, when present
 * @param metrics the metrics, when present
 * @param spans the spans, for example {@code extensionOverhead}, empty when absent
 * @param tracing the trace context, when present
 * @param tenantId the tenant id of a multi-tenant function, when present
 * @param record the raw record
 * @since 0.1.0
 */
public record PlatformReport(Instant time, String requestId, @Nullable String status, @Nullable String errorType,
		@Nullable ReportMetrics metrics, List<Span> spans, @Nullable TraceContext tracing, @Nullable String tenantId,
		JsonNode record) implements TelemetryEvent, PhaseOutcome {

	public PlatformReport {
		Objects.requireNonNull(time, "'time' must not be null");
		Objects.requireNonNull(requestId, "'requestId' must not be null");
		spans = List.copyOf(spans);
		Objects.requireNonNull(record, "'record' must not be null");
	}

	@Override
	public String type() {
		return TelemetryTypes.PLATFORM_REPORT;
	}

	static PlatformReport from(Instant time, JsonNode record) {
		RecordFields.requireObject(record, TelemetryTypes.PLATFORM_REPORT);
		JsonNode metrics = RecordFields.optionalObject(record, "metrics");
		return new PlatformReport(time, RecordFields.requiredString(record, "requestId"),
				RecordFields.optionalString(record, "status"), RecordFields.optionalString(record, "errorType"),
				(metrics != null) ? ReportMetrics.from(metrics) : null, RecordFields.spans(record),
				RecordFields.tracing(record), RecordFields.optionalString(record, "tenantId"), record);
	}

}
