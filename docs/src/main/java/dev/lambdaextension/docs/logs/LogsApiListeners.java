package dev.lambdaextension.docs.logs;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.lambdaextension.telemetry.FunctionLog;
import dev.lambdaextension.telemetry.LogsApiTypes;
import dev.lambdaextension.telemetry.PlatformReport;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryListener;

import org.springframework.stereotype.Component;

/**
 * Telemetry listeners fed by the Logs API: the same methods as with the Telemetry API,
 * plus a Logs-API-only type.
 */
@Component
public class LogsApiListeners {

	private final AtomicLong lines = new AtomicLong();

	private final AtomicLong reports = new AtomicLong();

	private final AtomicLong faults = new AtomicLong();

	// tag::listeners[]
	@TelemetryListener
	public void onLines(List<FunctionLog> logs) {
		this.lines.addAndGet(logs.size());
	}

	@TelemetryListener
	public void onReport(PlatformReport report) {
		// A Logs API report has requestId and metrics only: status() is null, spans() empty
		this.reports.incrementAndGet();
	}

	@TelemetryListener(types = LogsApiTypes.PLATFORM_FAULT)
	public void onFault(TelemetryEvent fault) {
		// The record of platform.fault is a string
		this.faults.incrementAndGet();
	}
	// end::listeners[]

	public long lines() {
		return this.lines.get();
	}

	public long reports() {
		return this.reports.get();
	}

	public long faults() {
		return this.faults.get();
	}

}
