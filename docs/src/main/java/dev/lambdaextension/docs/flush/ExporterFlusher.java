package dev.lambdaextension.docs.flush;

import java.util.ArrayList;
import java.util.List;

import dev.lambdaextension.flush.FlushTrigger;
import dev.lambdaextension.flush.TelemetryFlusher;
import dev.lambdaextension.telemetry.PlatformReport;
import dev.lambdaextension.telemetry.TelemetryListener;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * An exporter that gathers reports in a listener and sends them when the flush policy
 * says so.
 */
// tag::flusher[]
@Component
@Order(1)
public class ExporterFlusher implements TelemetryFlusher {

	private final List<PlatformReport> gathered = new ArrayList<>();

	@TelemetryListener
	public synchronized void onReport(PlatformReport report) {
		this.gathered.add(report);
	}

	@Override
	public void flush(FlushTrigger trigger) {
		List<PlatformReport> batch;
		synchronized (this) {
			batch = List.copyOf(this.gathered);
			this.gathered.clear();
		}
		// Send the batch to the backend; return once it is sent. A flush is never called
		// while another one runs, and an exception here is logged, not rethrown.
		send(batch);
	}

	private void send(List<PlatformReport> batch) {
		// your exporter's client here
	}

}
// end::flusher[]
