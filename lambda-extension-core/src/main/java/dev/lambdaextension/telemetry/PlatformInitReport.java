package dev.lambdaextension.telemetry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A {@code platform.initReport} event: init summary.
 *
 * @param time when the platform generated the event
 * @param initializationType the initialization type as sent, when present
 * @param phase the init phase as sent, when present
 * @param status the status as sent, when present (some emulators omit it)
 * @param errorType the error type when the status is not a success, when present
 * @param metrics the init metrics, when present
 * @param spans the spans, empty when absent
 * @param record the raw record
 * @since 0.1.0
 */
public record PlatformInitReport(Instant time, @Nullable String initializationType, @Nullable String phase,
		@Nullable String status, @Nullable String errorType, @Nullable InitReportMetrics metrics, List<Span> spans,
		JsonNode record) implements TelemetryEvent, PhaseOutcome {

	public PlatformInitReport {
		Objects.requireNonNull(time, "'time' must not be null");
		spans = List.copyOf(spans);
		Objects.requireNonNull(record, "'record' must not be null");
	}

	@Override
	public String type() {
		return TelemetryTypes.PLATFORM_INIT_REPORT;
	}

	static PlatformInitReport from(Instant time, JsonNode record) {
		RecordFields.requireObject(record, TelemetryTypes.PLATFORM_INIT_REPORT);
		JsonNode metrics = RecordFields.optionalObject(record, "metrics");
		return new PlatformInitReport(time, RecordFields.optionalString(record, "initializationType"),
				RecordFields.optionalString(record, "phase"), RecordFields.optionalString(record, "status"),
				RecordFields.optionalString(record, "errorType"),
				(metrics != null) ? InitReportMetrics.from(metrics) : null, RecordFields.spans(record), record);
	}

}
