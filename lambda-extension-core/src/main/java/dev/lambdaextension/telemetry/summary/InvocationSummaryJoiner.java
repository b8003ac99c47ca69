package dev.lambdaextension.telemetry.summary;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lambdaextension.telemetry.PlatformReport;
import dev.lambdaextension.telemetry.PlatformRuntimeDone;
import dev.lambdaextension.telemetry.PlatformStart;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryTypes;
import org.jspecify.annotations.Nullable;

/**
 * Joins {@code platform.start}, {@code platform.runtimeDone} and {@code platform.report}
 * by request id, in whatever order and interleaving they arrive (concurrent invocations
 * of Lambda Managed Instances included). The rule for publication:
 * <ul>
 * <li>when a {@code platform.report} arrives, its invocation is closed
 * ({@link InvocationSummary.Closure#REPORT}), complete or not: Lambda sends nothing
 * after the report;</li>
 * <li>when more than {@code capacity} invocations are open, the one opened first is
 * closed as it stands ({@link InvocationSummary.Closure#EVICTED});</li>
 * <li>{@link #drain()}, called once the telemetry after {@code SHUTDOWN} has been
 * delivered, closes every open one ({@link InvocationSummary.Closure#SHUTDOWN}).</li>
 * </ul>
 * A part for a request id that was already closed opens a new summary. On Lambda
 * Managed Instances, which send no {@code platform.runtimeDone}, a summary is complete
 * without it. Thread-safe.
 *
 * @since 0.1.0
 */
public final class InvocationSummaryJoiner {

	/**
	 * Smallest capacity accepted.
	 */
	public static final int MIN_CAPACITY = 1;

	/**
	 * Largest capacity accepted.
	 */
	public static final int MAX_CAPACITY = 100_000;

	private final int capacity;

	private final boolean runtimeDoneExpected;

	private final Map<String, Parts> open = new LinkedHashMap<>();

	/**
	 * Create a joiner.
	 * @param capacity how many invocations may be open at once
	 * @param managedInstances whether the environment is Lambda Managed Instances
	 */
	public InvocationSummaryJoiner(int capacity, boolean managedInstances) {
		if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY) {
			throw new IllegalArgumentException(
					"'capacity' must be between " + MIN_CAPACITY + " and " + MAX_CAPACITY + ", was " + capacity);
		}
		this.capacity = capacity;
		this.runtimeDoneExpected = !managedInstances;
	}

	/**
	 * Take events in and return the summaries they close, in closing order. Events of
	 * other types are ignored.
	 * @param events the events of one batch
	 * @return the closed summaries, possibly empty
	 */
	public synchronized List<InvocationSummary> accept(List<? extends TelemetryEvent> events) {
		List<InvocationSummary> closed = new ArrayList<>();
		for (TelemetryEvent event : events) {
			if (event instanceof PlatformStart start) {
				parts(start.requestId(), closed).start = start;
			}
			else if (event instanceof PlatformRuntimeDone done) {
				parts(done.requestId(), closed).runtimeDone = done;
			}
			else if (event instanceof PlatformReport report) {
				Parts parts = parts(report.requestId(), closed);
				parts.report = report;
				this.open.remove(report.requestId());
				closed.add(close(parts, InvocationSummary.Closure.REPORT));
			}
		}
		return closed;
	}

	/**
	 * Close every open invocation, in the order they were opened.
	 * @return the summaries, none of them with a report
	 */
	public synchronized List<InvocationSummary> drain() {
		List<InvocationSummary> closed = new ArrayList<>(this.open.size());
		this.open.values().forEach((parts) -> closed.add(close(parts, InvocationSummary.Closure.SHUTDOWN)));
		this.open.clear();
		return closed;
	}

	/**
	 * Return how many invocations are open.
	 * @return the count
	 */
	public synchronized int openCount() {
		return this.open.size();
	}

	private Parts parts(String requestId, List<InvocationSummary> closed) {
		Parts parts = this.open.get(requestId);
		if (parts == null) {
			if (this.open.size() == this.capacity) {
				Iterator<Parts> oldest = this.open.values().iterator();
				closed.add(close(oldest.next(), InvocationSummary.Closure.EVICTED));
				oldest.remove();
			}
			parts = new Parts(requestId);
			this.open.put(requestId, parts);
		}
		return parts;
	}

	private InvocationSummary close(Parts parts, InvocationSummary.Closure closure) {
		List<String> missing = new ArrayList<>(3);
		if (parts.start == null) {
			missing.add(TelemetryTypes.PLATFORM_START);
		}
		if (parts.runtimeDone == null && this.runtimeDoneExpected) {
			missing.add(TelemetryTypes.PLATFORM_RUNTIME_DONE);
		}
		if (parts.report == null) {
			missing.add(TelemetryTypes.PLATFORM_REPORT);
		}
		return new InvocationSummary(parts.requestId, parts.start, parts.runtimeDone, parts.report, closure, missing);
	}

	private static final class Parts {

		private final String requestId;

		private @Nullable PlatformStart start;

		private @Nullable PlatformRuntimeDone runtimeDone;

		private @Nullable PlatformReport report;

		Parts(String requestId) {
			this.requestId = requestId;
		}

	}

}
