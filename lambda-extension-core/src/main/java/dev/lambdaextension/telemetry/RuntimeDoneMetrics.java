package dev.lambdaextension.telemetry;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The {@code metrics} of a {@code platform.runtimeDone} event.
 *
 * @param durationMs milliseconds from handing the event to the runtime until its next
 * {@code next} call
 * @param producedBytes the size of the response in bytes, when present
 * @since 0.1.0
 */
public record RuntimeDoneMetrics(double durationMs, @Nullable Double producedBytes) {

	static RuntimeDoneMetrics from(JsonNode node) {
		return new RuntimeDoneMetrics(RecordFields.requiredDouble(node, "durationMs"),
				RecordFields.optionalDouble(node, "producedBytes"));
	}

}
