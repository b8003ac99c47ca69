package dev.lambdaextension.docs.gettingstarted;

import java.util.List;

import dev.lambdaextension.telemetry.PlatformReport;
import dev.lambdaextension.telemetry.TelemetryListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Getting started: one telemetry listener.
 */
// tag::listener[]
@Component
public class ReportLogger {

	private static final Log logger = LogFactory.getLog(ReportLogger.class);

	@TelemetryListener(types = "platform.report")
	public void onReports(List<PlatformReport> reports) {
		for (PlatformReport report : reports) {
			logger.info(report.requestId() + " took " + report.metrics().durationMs() + " ms");
		}
	}

}
// end::listener[]
