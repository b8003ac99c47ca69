package dev.lambdaextension.autoconfigure;

import java.io.UncheckedIOException;
import java.net.BindException;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a telemetry receiver that could not listen: a port in use or an address that is
 * not this machine's, with the property to change.
 */
class TelemetryReceiverBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

	private static final String RECEIVER_BIND_FAILURE = "Could not bind the telemetry receiver to ";

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		UncheckedIOException receiverFailure = findCause(rootFailure, UncheckedIOException.class);
		String message = (receiverFailure != null) ? receiverFailure.getMessage() : null;
		if (message == null || !message.startsWith(RECEIVER_BIND_FAILURE)) {
			return null;
		}
		return new FailureAnalysis(
				"The Lambda extension's telemetry receiver could not listen on "
						+ message.substring(RECEIVER_BIND_FAILURE.length()) + ": " + cause.getMessage(),
				"Set lambda.extension.telemetry.receiver.port to a free port, or to 0 (the default) to pick one, "
						+ "and lambda.extension.telemetry.receiver.bind-address, if set, to an address of this machine.",
				cause);
	}

}
