package dev.lambdaextension.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.lambdaextension.lifecycle.ExtensionInvocationCompletedEvent;
import dev.lambdaextension.lifecycle.ExtensionShutdownCompletedEvent;
import dev.lambdaextension.telemetry.FunctionLog;
import dev.lambdaextension.telemetry.PlatformReport;
import dev.lambdaextension.telemetry.PlatformRuntimeDone;
import dev.lambdaextension.telemetry.PlatformStart;
import dev.lambdaextension.telemetry.ReportMetrics;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryListener;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Joins the telemetry of each invocation (platform.start, function log lines,
 * platform.runtimeDone, platform.report) into one {@link InvocationSummary}, correlated by
 * request id. A report often arrives only during the next invocation or at SHUTDOWN;
 * once the late telemetry after SHUTDOWN has been delivered, whatever is still open is flushed
 * as it stands.
 */
@Component
public class InvocationTracker {

	private final List<SummarySink> sinks;

	private final Map<String, OpenInvocation> open = new LinkedHashMap<>();

	private @Nullable String current;

	public InvocationTracker(List<SummarySink> sinks) {
		this.sinks = sinks;
	}

	@TelemetryListener(types = { "platform.start", "platform.runtimeDone", "platform.report", "function" })
	public synchronized void onTelemetry(List<TelemetryEvent> batch) {
		for (TelemetryEvent event : batch) {
			if (event instanceof PlatformStart start) {
				invocation(start.requestId());
				this.current = start.requestId();
			}
			else if (event instanceof FunctionLog log) {
				String requestId = requestIdOf(log);
				if (requestId != null && isError(log)) {
					invocation(requestId).errorLogLines++;
				}
			}
			else if (event instanceof PlatformRuntimeDone done) {
				invocation(done.requestId()).status = done.status();
			}
			else if (event instanceof PlatformReport report) {
				complete(invocation(report.requestId()), report);
			}
		}
	}

	@EventListener
	public synchronized void onInvocationCompleted(ExtensionInvocationCompletedEvent event) {
		this.sinks.forEach(SummarySink::flush);
	}

	@EventListener
	public synchronized void onShutdownCompleted(ExtensionShutdownCompletedEvent event) {
		for (OpenInvocation invocation : List.copyOf(this.open.values())) {
			publish(new InvocationSummary(invocation.requestId, (invocation.status != null) ? invocation.status
					: "unknown", null, null, null, null, invocation.errorLogLines, false));
		}
		this.open.clear();
		this.sinks.forEach(SummarySink::flush);
	}

	private OpenInvocation invocation(String requestId) {
		return this.open.computeIfAbsent(requestId, OpenInvocation::new);
	}

	private void complete(OpenInvocation invocation, PlatformReport report) {
		this.open.remove(invocation.requestId);
		ReportMetrics metrics = report.metrics();
		String status = (report.status() != null) ? report.status() : invocation.status;
		publish(new InvocationSummary(invocation.requestId, (status != null) ? status : "unknown",
				(metrics != null) ? metrics.durationMs() : null, (metrics != null) ? metrics.billedDurationMs() : null,
				(metrics != null) ? metrics.maxMemoryUsedMB() : null, (metrics != null) ? metrics.initDurationMs() : null,
				invocation.errorLogLines, true));
	}

	private void publish(InvocationSummary summary) {
		this.sinks.forEach((sink) -> sink.accept(summary));
	}

	private @Nullable String requestIdOf(FunctionLog log) {
		if (log.requestId() != null) {
			return log.requestId();
		}
		String[] fields = log.message().split("\t", 4);
		if (fields.length == 4 && this.open.containsKey(fields[1])) {
			return fields[1];
		}
		return this.current;
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

	private static final class OpenInvocation {

		private final String requestId;

		private @Nullable String status;

		private int errorLogLines;

		private OpenInvocation(String requestId) {
			this.requestId = requestId;
		}

	}

}
