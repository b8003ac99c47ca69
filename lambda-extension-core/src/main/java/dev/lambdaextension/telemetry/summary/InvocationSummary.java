package dev.lambdaextension.telemetry.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.lambdaextension.telemetry.PlatformReport;
import dev.lambdaextension.telemetry.PlatformRuntimeDone;
import dev.lambdaextension.telemetry.PlatformStart;
import dev.lambdaextension.telemetry.TelemetryTypes;
import org.jspecify.annotations.Nullable;

/**
 * The platform telemetry of one invocation, joined by request id. A summary is complete
 * when all three parts arrived; an incomplete one says which are {@link #missing()}.
 *
 * @param requestId the request id of the invocation
 * @param start the invocation's {@code platform.start}, when it arrived
 * @param runtimeDone the invocation's {@code platform.runtimeDone}, when it arrived
 * @param report the invocation's {@code platform.report}, when it arrived
 * @param closedBy why the summary was published
 * @since 0.1.0
 */
public record InvocationSummary(String requestId, @Nullable PlatformStart start, @Nullable PlatformRuntimeDone runtimeDone,
		@Nullable PlatformReport report, Closure closedBy) {

	public InvocationSummary {
		Objects.requireNonNull(requestId, "'requestId' must not be null");
		Objects.requireNonNull(closedBy, "'closedBy' must not be null");
	}

	/**
	 * Return whether all three parts arrived.
	 * @return whether complete
	 */
	public boolean complete() {
		return this.start != null && this.runtimeDone != null && this.report != null;
	}

	/**
	 * Return the types of the parts that did not arrive, as the Telemetry API writes them.
	 * @return the missing types, empty when complete
	 */
	public List<String> missing() {
		List<String> missing = new ArrayList<>(3);
		if (this.start == null) {
			missing.add(TelemetryTypes.PLATFORM_START);
		}
		if (this.runtimeDone == null) {
			missing.add(TelemetryTypes.PLATFORM_RUNTIME_DONE);
		}
		if (this.report == null) {
			missing.add(TelemetryTypes.PLATFORM_REPORT);
		}
		return List.copyOf(missing);
	}

	/**
	 * Return the invocation's status: the report's, else the runtimeDone's.
	 * @return the status, or {@code null} when neither part carries one
	 */
	public @Nullable String status() {
		String status = (this.report != null) ? this.report.status() : null;
		return (status != null || this.runtimeDone == null) ? status : this.runtimeDone.status();
	}

	/**
	 * Why a summary was published.
	 *
	 * @since 0.1.0
	 */
	public enum Closure {

		/**
		 * Its {@code platform.report} arrived, the last event Lambda sends for an invocation.
		 */
		REPORT,

		/**
		 * More invocations were open than the joiner holds; the oldest was published as it
		 * stood.
		 */
		EVICTED,

		/**
		 * The telemetry drained after {@code SHUTDOWN} held no report for it.
		 */
		SHUTDOWN

	}

}
