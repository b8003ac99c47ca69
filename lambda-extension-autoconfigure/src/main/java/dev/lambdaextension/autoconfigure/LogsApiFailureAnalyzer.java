package dev.lambdaextension.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a Logs API subscription refused at start-up, with the properties to change.
 */
class LogsApiFailureAnalyzer extends AbstractFailureAnalyzer<LogsApiConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, LogsApiConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
