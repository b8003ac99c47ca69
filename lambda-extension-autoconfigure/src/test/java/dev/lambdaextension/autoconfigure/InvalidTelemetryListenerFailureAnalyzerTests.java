package dev.lambdaextension.autoconfigure;

import dev.lambdaextension.listener.InvalidTelemetryListenerException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InvalidTelemetryListenerFailureAnalyzer}.
 */
class InvalidTelemetryListenerFailureAnalyzerTests {

	@Test
	void analysisShouldGiveTheListenersMessageOnceFromUnderTheBeanFailures() {
		String message = "@TelemetryListener method 'orders.onReport(String)' must take one TelemetryEvent, "
				+ "a typed view of it, or a List of them";
		BeanCreationException failure = new BeanCreationException("orders", "Initialization of bean failed",
				new InvalidTelemetryListenerException(message));
		FailureAnalysis analysis = new InvalidTelemetryListenerFailureAnalyzer().analyze(failure);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo(message);
		assertThat(analysis.getAction()).contains("docs/telemetry-listeners.md");
	}

}
