package dev.lambdaextension.telemetry;

import tools.jackson.databind.JsonNode;

/**
 * The {@code metrics} of a {@code platform.restoreReport} event.
 *
 * @param durationMs the restore duration in milliseconds
 * @since 0.1.0
 */
public record RestoreReportMetrics(double durationMs) {

	static RestoreReportMetrics from(JsonNode node) {
		return new RestoreReportMetrics(RecordFields.requiredDouble(node, "durationMs"));
	}

}
