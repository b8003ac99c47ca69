package dev.lambdaextension.telemetry;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The {@code metrics} of a {@code platform.report} event. Every value is a double because
 * Lambda sends fractional values even where the documentation says integer. Only
 * {@code durationMs} is always there: on Lambda Managed Instances the report carries
 * nothing else.
 *
 * @param durationMs the invocation duration in milliseconds
 * @param billedDurationMs the billed duration in milliseconds, absent on Lambda Managed
 * Instances
 * @param memorySizeMB the configured memory in MB, absent on Lambda Managed Instances
 * @param maxMemoryUsedMB the maximum memory used in MB, absent on Lambda Managed
 * Instances
 * @param initDurationMs the init duration in milliseconds, only when this invocation paid
 * a cold start
 * @param restoreDurationMs the SnapStart restore duration in milliseconds, when present
 * @since 0.1.0
 */
public record ReportMetrics(double durationMs, @Nullable Double billedDurationMs, @Nullable Double memorySizeMB,
		@Nullable Double maxMemoryUsedMB, @Nullable Double initDurationMs, @Nullable Double restoreDurationMs) {

	static ReportMetrics from(JsonNode node) {
		return new ReportMetrics(RecordFields.requiredDouble(node, "durationMs"),
				RecordFields.optionalDouble(node, "billedDurationMs"), RecordFields.optionalDouble(node, "memorySizeMB"),
				RecordFields.optionalDouble(node, "maxMemoryUsedMB"), RecordFields.optionalDouble(node, "initDurationMs"),
				RecordFields.optionalDouble(node, "restoreDurationMs"));
	}

}
