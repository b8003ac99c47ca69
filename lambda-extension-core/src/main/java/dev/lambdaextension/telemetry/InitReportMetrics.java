package dev.lambdaextension.telemetry;

import tools.jackson.databind.JsonNode;

/**
 * The {@code metrics} of a {@code platform.initReport} event.
 *
 * @param durationMs the init duration in milliseconds
 * @since 0.1.0
 */
public record InitReportMetrics(double durationMs) {

	static InitReportMetrics from(JsonNode node) {
		return new InitReportMetrics(RecordFields.requiredDouble(node, "durationMs"));
	}

}
