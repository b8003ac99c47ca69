package dev.lambdaextension.telemetry;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The {@code metrics} of a {@code platform.report} event. Every value is a double because
 * Lambda sends fractional values even where the documentation says integer.
 *
 * @param durationMs the invocation duration in milliseconds
 * @param billedDurationMs the billed duration in milliseconds
 * @param memorySizeMB the configured memory in MB
 * @param maxMemoryUsedMB the maximum memory used in MB
 * @param initDurationMs the init duration in milliseconds, only when this invocation paid
 * a cold start
 * @param restoreDurationMs the SnapStart restore duration in milliseconds, when present
 * @since 0.1.0
 */
public record ReportMetrics(double durationMs, double billedDurationMs, double memorySizeMB, double maxMemoryUsedMB,
		@Nullable Double initDurationMs, @Nullable Double restoreDurationMs) {

	static ReportMetrics from(JsonNode node) {
		return new ReportMetrics(RecordFields.requiredDouble(node, "durationMs"),
				RecordFields.requiredDouble(node, "billedDurationMs"), RecordFields.requiredDouble(node, "memorySizeMB"),
				RecordFields.requiredDouble(node, "maxMemoryUsedMB"), RecordFields.optionalDouble(node, "initDurationMs"),
				RecordFields.optionalDouble(node, "restoreDurationMs"));
	}

}
