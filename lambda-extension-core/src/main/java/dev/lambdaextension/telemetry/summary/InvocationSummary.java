package dev.lambdaextension.telemetry.summary;

import java.util.List;
import java.util.Objects;

import dev.lambdaextension.telemetry.PlatformReport;
import dev.lambdaextension.telemetry.PlatformRuntimeDone;
import dev.lambdaextension.telemetry.PlatformStart;
import org.jspecify.annotations.Nullable;

/**
 * The platform telemetry of one invocation, joined by request id. A summary is complete
 * when every part Lambda sends for it arrived (on Lambda Managed Instances there is no
 * {@code platform.runtimeDone}); an incomplete one says which are {@link #missing()}.
 *
 * @param requestId the request id of the invocation
 * @param start the invocation's {@code platform.start}, when it arrived
 * @param runtimeDone the invocation's {@code platform.runtimeDone}, when it arrived
 * @param report the invocation's {@code platform.report}, when it arrived
 * @param closedBy why the summary was published
 * @param missing the types of the expected parts that did not arrive, as the Telemetry
 * API writes them, empty when complete
 * @since 0.1.0
 */
public record InvocationSummary(String requestId, @Nullable PlatformStart start, @Nullable PlatformRuntimeDone runtimeDone,
		@Nullable PlatformReport report, Closure closedBy, List<String> missing) {

	public InvocationSummary {
		Objects.requireNonNull(requestId, "'requestId' must not be null");
		Objects.requireNonNull(closedBy, "'closedBy' must not be null");
		missing = List.copyOf(missing);
	}

	/**
	 * Return whether every expected part arrived.
	 * @return whether complete
	 */
	public boolean complete() {
		return this.missing.isEmpty();
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
