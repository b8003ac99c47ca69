package dev.lambdaextension.docs.telemetry;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.lambdaextension.telemetry.LogRecord;
import dev.lambdaextension.telemetry.PlatformReport;
import dev.lambdaextension.telemetry.TelemetryListener;

import org.springframework.stereotype.Component;

/**
 * Listeners with a condition, and an asynchronous listener.
 */
@Component
public class ConditionalAndAsyncListeners {

	private final AtomicLong errors = new AtomicLong();

	private final AtomicLong slowInvocations = new AtomicLong();

	// tag::condition[]
	@TelemetryListener(types = "function", condition = "message.contains('\tERROR\t')")
	public void onErrors(List<LogRecord> errors) {
		this.errors.addAndGet(errors.size());
	}
	// end::condition[]

	// tag::async[]
	@TelemetryListener(async = true, queueCapacity = 64)
	public void onReport(PlatformReport report) {
		if (report.metrics() != null && report.metrics().durationMs() > 1000) {
			this.slowInvocations.incrementAndGet();
		}
	}
	// end::async[]

	public long errors() {
		return this.errors.get();
	}

	public long slowInvocations() {
		return this.slowInvocations.get();
	}

}
