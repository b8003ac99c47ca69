package dev.lambdaextension.docs.telemetry;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.lambdaextension.telemetry.FunctionLog;
import dev.lambdaextension.telemetry.LogRecord;
import dev.lambdaextension.telemetry.PlatformRuntimeDone;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryListener;

import org.springframework.stereotype.Component;

/**
 * The shapes a telemetry listener method can take.
 */
@Component
public class TelemetryListeners {

	private final AtomicLong events = new AtomicLong();

	private final AtomicLong errors = new AtomicLong();

	// tag::single[]
	@TelemetryListener
	public void onRuntimeDone(PlatformRuntimeDone done) {
		if (!done.isSuccess()) {
			this.errors.incrementAndGet();
		}
	}
	// end::single[]

	// tag::batch[]
	@TelemetryListener(types = { "function", "extension" })
	public void onLogs(List<LogRecord> batch) {
		for (LogRecord log : batch) {
			if ("ERROR".equals(log.level()) || log.message().contains("\tERROR\t")) {
				this.errors.incrementAndGet();
			}
		}
	}
	// end::batch[]

	// tag::everything[]
	@TelemetryListener
	public void onEverything(List<TelemetryEvent> batch) {
		this.events.addAndGet(batch.size());
	}
	// end::everything[]

	// tag::error-handler[]
	@TelemetryListener(types = "function", errorHandler = "retryingErrorHandler")
	public void onFunctionLog(FunctionLog log) {
		this.events.incrementAndGet();
	}
	// end::error-handler[]

	public long errors() {
		return this.errors.get();
	}

}
