package dev.lambdaextension.sample;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.lambdaextension.lifecycle.ExtensionInvocationCompletedEvent;
import dev.lambdaextension.lifecycle.ExtensionShutdownCompletedEvent;
import dev.lambdaextension.summary.InvocationSummaryEvent;
import dev.lambdaextension.telemetry.FunctionLog;
import dev.lambdaextension.telemetry.PlatformReport;
import dev.lambdaextension.telemetry.ReportMetrics;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryListener;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns the library's {@link InvocationSummaryEvent} (platform.start, platform.runtimeDone
 * and platform.report joined by request id) into an {@link InvocationSummary}, adding how
 * many function log lines of the invocation were errors. The library publishes invocations
 * whose report never came after the shutdown drain, before the sinks are flushed here.
 */
@Component
public class InvocationTracker {

	private final List<SummarySink> sinks;

	private final Map<String, Integer> errorLogLines = new HashMap<>();

	public InvocationTracker(List<SummarySink> sinks) {
		this.sinks = sinks;
	}

	@TelemetryListener(types = "function")
	public synchronized void onFunctionLogs(List<TelemetryEvent> batch) {
		for (TelemetryEvent event : batch) {
			if (event instanceof FunctionLog log && isError(log)) {
				String requestId = requestIdOf(log);
				if (requestId != null) {
					this.errorLogLines.merge(requestId, 1, Integer::sum);
				}
			}
		}
	}

	@EventListener
	public synchronized void onSummary(InvocationSummaryEvent event) {
		dev.lambdaextension.telemetry.summary.InvocationSummary joined = event.summary();
		int errors = this.errorLogLines.getOrDefault(joined.requestId(), 0);
		this.errorLogLines.remove(joined.requestId());
		PlatformReport report = joined.report();
		ReportMetrics metrics = (report != null) ? report.metrics() : null;
		String status = (joined.status() != null) ? joined.status() : "unknown";
		InvocationSummary summary = new InvocationSummary(joined.requestId(), status,
				(metrics != null) ? metrics.durationMs() : null, (metrics != null) ? metrics.billedDurationMs() : null,
				(metrics != null) ? metrics.maxMemoryUsedMB() : null,
				(metrics != null) ? metrics.initDurationMs() : null, errors, report != null);
		this.sinks.forEach((sink) -> sink.accept(summary));
	}

	@EventListener
	public void onInvocationCompleted(ExtensionInvocationCompletedEvent event) {
		this.sinks.forEach(SummarySink::flush);
	}

	@EventListener
	public void onShutdownCompleted(ExtensionShutdownCompletedEvent event) {
		this.sinks.forEach(SummarySink::flush);
	}

	private static @Nullable String requestIdOf(FunctionLog log) {
		if (log.requestId() != null) {
			return log.requestId();
		}
		String[] fields = log.message().split("\t", 4);
		return (fields.length == 4) ? fields[1] : null;
	}

	private static boolean isError(FunctionLog log) {
		String level = log.level();
		if (level == null) {
			String[] fields = log.message().split("\t", 4);
			level = (fields.length == 4) ? fields[2] : "";
		}
		level = level.toUpperCase(Locale.ROOT);
		return level.equals("ERROR") || level.equals("FATAL");
	}

}
