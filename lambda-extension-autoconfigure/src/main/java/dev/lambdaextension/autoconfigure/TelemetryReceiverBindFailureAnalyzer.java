package dev.lambdaextension.autoconfigure;

import java.io.IOException;

import dev.lambdaextension.telemetry.receiver.TelemetryReceiverBindException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a telemetry receiver that could not listen: a port in use or an address that is
 * not this machine's, with the properties to change.
 */
class TelemetryReceiverBindFailureAnalyzer extends AbstractFailureAnalyzer<TelemetryReceiverBindException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TelemetryReceiverBindException cause) {
		IOException reason = cause.getCause();
		return new FailureAnalysis(
				"The Lambda extension's telemetry receiver could not listen on " + cause.getAddress()
						+ ((reason != null) ? ": " + reason.getMessage() : ""),
				"Set lambda.extension.telemetry.receiver.port to a free port, or to 0 (the default) to pick one, "
						+ "and lambda.extension.telemetry.receiver.bind-address, if set, to an address of this machine.",
				cause);
	}

}
