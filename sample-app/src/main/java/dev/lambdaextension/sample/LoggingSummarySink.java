package dev.lambdaextension.sample;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Writes each summary to the log.
 */
class LoggingSummarySink implements SummarySink {

	private static final Log logger = LogFactory.getLog(LoggingSummarySink.class);

	@Override
	public void accept(InvocationSummary summary) {
		logger.info(summary.describe());
	}

}
