package dev.lambdaextension.telemetry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A {@code platform.restoreReport} event: SnapStart restore summary.
 *
 * @param time when the platform generated the event
 * @param status the status as sent, when present
 * @param errorType the error type when the status is not a success, when present
 * @param metrics the restore metrics, when present
 * @param spans the spans, empty when absent
 * @param record the raw record
 * @since 0.1.0
 */
public record PlatformRestoreReport(Instant time, @Nullable String status, @Nullable String errorType,
		@Nullable RestoreReportMetrics metrics, List<Span> spans, JsonNode record) implements TelemetryEvent, PhaseOutcome {

	public PlatformRestoreReport {
		Objects.requireNonNull(time, "'time' must not be null");
		spans = List.copyOf(spans);
		Objects.requireNonNull(record, "'record' must not be null");
	}

	@Override
	public String type() {
		return TelemetryTypes.PLATFORM_RESTORE_REPORT;
	}

	static PlatformRestoreReport from(Instant time, JsonNode record) {
		RecordFields.requireObject(record, TelemetryTypes.PLATFORM_RESTORE_REPORT);
		JsonNode metrics = RecordFields.optionalObject(record, "metrics");
		return new PlatformRestoreReport(time, RecordFields.optionalString(record, "status"),
				RecordFields.optionalString(record, "errorType"),
				(metrics != null) ? RestoreReportMetrics.from(metrics) : null, RecordFields.spans(record), record);
	}

}
