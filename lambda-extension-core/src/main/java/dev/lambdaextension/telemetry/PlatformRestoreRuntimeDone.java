package dev.lambdaextension.telemetry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A {@code platform.restoreRuntimeDone} event: a SnapStart restore finished.
 *
 * @param time when the platform generated the event
 * @param status the status as sent, when present
 * @param errorType the error type when the status is not a success, when present
 * @param spans the spans, empty when absent
 * @param record the raw record
 * @since 0.1.0
 */
public record PlatformRestoreRuntimeDone(Instant time, @Nullable String status, @Nullable String errorType,
		List<Span> spans, JsonNode record) implements TelemetryEvent, PhaseOutcome {

	public PlatformRestoreRuntimeDone {
		Objects.requireNonNull(time, "'time' must not be null");
		spans = List.copyOf(spans);
		Objects.requireNonNull(record, "'record' must not be null");
	}

	@Override
	public String type() {
		return TelemetryTypes.PLATFORM_RESTORE_RUNTIME_DONE;
	}

	static PlatformRestoreRuntimeDone from(Instant time, JsonNode record) {
		RecordFields.requireObject(record, TelemetryTypes.PLATFORM_RESTORE_RUNTIME_DONE);
		return new PlatformRestoreRuntimeDone(time, RecordFields.optionalString(record, "status"),
				RecordFields.optionalString(record, "errorType"), RecordFields.spans(record), record);
	}

}
