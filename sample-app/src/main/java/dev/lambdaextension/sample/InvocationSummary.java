package dev.lambdaextension.sample;

import org.jspecify.annotations.Nullable;

/**
 * What one invocation did, joined from its telemetry.
 *
 * @param requestId the request id
 * @param status {@code success}, {@code error}, {@code timeout} or {@code failure}, or
 * {@code unknown} when neither runtimeDone nor report arrived
 * @param durationMs how long the invocation took
 * @param billedDurationMs the billed duration
 * @param maxMemoryUsedMb the most memory the environment used
 * @param initDurationMs the Init duration when the invocation paid a cold start
 * @param errorLogLines how many function log lines were errors
 * @param complete whether the platform.report arrived; {@code false} when the summary was
 * flushed at SHUTDOWN without one
 */
public record InvocationSummary(String requestId, String status, @Nullable Double durationMs,
		@Nullable Double billedDurationMs, @Nullable Double maxMemoryUsedMb, @Nullable Double initDurationMs,
		int errorLogLines, boolean complete) {

	/**
	 * Return whether this invocation paid a cold start.
	 * @return whether cold
	 */
	public boolean coldStart() {
		return this.initDurationMs != null;
	}

	/**
	 * Return a one-line description.
	 * @return the description
	 */
	public String describe() {
		StringBuilder line = new StringBuilder("invocation ").append(this.requestId)
			.append(" status=")
			.append(this.status);
		append(line, "duration", this.durationMs, "ms");
		append(line, "billed", this.billedDurationMs, "ms");
		append(line, "maxMemory", this.maxMemoryUsedMb, "MB");
		if (coldStart()) {
			append(line, "coldStart", this.initDurationMs, "ms");
		}
		line.append(" errorLines=").append(this.errorLogLines);
		if (!this.complete) {
			line.append(" (no report)");
		}
		return line.toString();
	}

	private static void append(StringBuilder line, String name, @Nullable Double value, String unit) {
		if (value != null) {
			line.append(' ').append(name).append('=').append(String.format(java.util.Locale.ROOT, "%.1f", value))
				.append(unit);
		}
	}

}
