package dev.lambdaextension.telemetry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A {@code platform.initRuntimeDone} event: the runtime finished init, successfully or
 * not.
 *
 * @param time when the platform generated the event
 * @param initializationType the initialization type as sent, when present
 * @param phase the init phase as sent, when present
 * @param status the status as sent ({@code success}, {@code failure}, {@code error} or
 * {@code timeout}), when present
 * @param errorType the error type when the status is not a success, when present
 * @param spans the spans, empty when absent
 * @param record the raw record
 * @since 0.1.0
 */
public record PlatformInitRuntimeDone(Instant time, @Nullable String initializationType, @Nullable String phase,
		@Nullable String status, @Nullable String errorType, List<Span> spans,
		JsonNode record) implements TelemetryEvent, PhaseOutcome {

	public PlatformInitRuntimeDone {
		Objects.requireNonNull(time, "'time' must not be null");
		spans = List.copyOf(spans);
		Objects.requireNonNull(record, "'record' must not be null");
	}

	@Override
	public String type() {
		return TelemetryTypes.PLATFORM_INIT_RUNTIME_DONE;
	}

	static PlatformInitRuntimeDone from(Instant time, JsonNode record) {
		RecordFields.requireObject(record, TelemetryTypes.PLATFORM_INIT_RUNTIME_DONE);
		return new PlatformInitRuntimeDone(time, RecordFields.optionalString(record, "initializationType"),
				RecordFields.optionalString(record, "phase"), RecordFields.optionalString(record, "status"),
				RecordFields.optionalString(record, "errorType"), RecordFields.spans(record), record);
	}

}
