package dev.lambdaextension.listener;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Default {@link TelemetryListenerErrorHandler}: logs the failure at {@code ERROR} with the
 * listener id and the exception, never the events' payload, and carries on.
 *
 * @since 0.1.0
 */
public class LoggingTelemetryListenerErrorHandler implements TelemetryListenerErrorHandler {

	private static final Log logger = LogFactory.getLog(LoggingTelemetryListenerErrorHandler.class);

	@Override
	public void handleError(TelemetryListenerExecutionFailedException exception) {
		logger.error(exception.getMessage(), exception.getCause());
	}

}
