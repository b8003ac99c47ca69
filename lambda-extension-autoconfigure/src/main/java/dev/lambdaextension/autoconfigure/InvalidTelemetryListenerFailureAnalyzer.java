package dev.lambdaextension.autoconfigure;

import dev.lambdaextension.listener.InvalidTelemetryListenerException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a telemetry listener that cannot be registered, once, in the listener's own
 * words, instead of the bean creation failures that wrap it.
 */
class InvalidTelemetryListenerFailureAnalyzer extends AbstractFailureAnalyzer<InvalidTelemetryListenerException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidTelemetryListenerException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Declare the listener as docs/telemetry-listeners.md shows: one parameter (a TelemetryEvent, a typed "
						+ "view such as PlatformReport or FunctionLog, or a List of them), types it can receive "
						+ "(lambda.extension.telemetry.additional-types for platform types newer than this library), "
						+ "and a unique id.",
				cause);
	}

}
