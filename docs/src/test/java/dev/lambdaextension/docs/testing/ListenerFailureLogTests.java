package dev.lambdaextension.docs.testing;

import java.lang.System.Logger.Level;
import java.util.List;

import dev.lambdaextension.listener.LoggingTelemetryListenerErrorHandler;
import dev.lambdaextension.listener.TelemetryListenerExecutionFailedException;
import dev.lambdaextension.test.logging.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asserting the warnings an extension logs.
 */
// tag::capture[]
class ListenerFailureLogTests {

	@RegisterExtension
	final LogCapture logs = LogCapture.of("dev.lambdaextension");

	@Test
	void failingListenerIsLoggedAsOneWarning() {
		new LoggingTelemetryListenerErrorHandler().handleError(new TelemetryListenerExecutionFailedException("reports",
				"ReportLogger.on(PlatformReport)", List.of(), new IllegalStateException("exporter down")));
		assertThat(this.logs.messages(Level.WARNING)).singleElement()
			.asString()
			.startsWith("Telemetry listener 'reports' failed")
			.endsWith("java.lang.IllegalStateException: exporter down");
	}

}
// end::capture[]
