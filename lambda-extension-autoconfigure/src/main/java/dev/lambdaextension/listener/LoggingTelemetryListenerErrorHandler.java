package dev.lambdaextension.listener;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Default {@link TelemetryListenerErrorHandler}: logs each failure as one {@code WARN}
 * line naming the listener id, the number and types of the events and the exception's
 * class and message, never the events' payload, and carries on. The stack trace is
 * logged at {@code DEBUG} only. The first failures of each listener are logged one by
 * one; later ones are counted and summarised in at most one line per listener and
 * interval, written with the first failure after the interval has passed.
 *
 * @since 0.1.0
 */
public class LoggingTelemetryListenerErrorHandler implements TelemetryListenerErrorHandler {

	/**
	 * Number of failures of each listener logged one by one by default.
	 */
	public static final int DEFAULT_LOGGED_FAILURES = 3;

	/**
	 * Shortest time between two summaries of the same listener's failures by default.
	 */
	public static final Duration DEFAULT_SUMMARY_INTERVAL = Duration.ofMinutes(1);

	private static final Log logger = LogFactory.getLog(LoggingTelemetryListenerErrorHandler.class);

	private final ListenerFailureLog failureLog;

	/**
	 * Create a handler that logs the first {@value #DEFAULT_LOGGED_FAILURES} failures of
	 * each listener, then summarises at most once a minute.
	 */
	public LoggingTelemetryListenerErrorHandler() {
		this(DEFAULT_LOGGED_FAILURES, DEFAULT_SUMMARY_INTERVAL);
	}

	/**
	 * Create a handler.
	 * @param loggedFailures how many failures of each listener to log one by one
	 * @param summaryInterval the shortest time between two summaries of the same
	 * listener's later failures
	 * @throws IllegalArgumentException if {@code loggedFailures} or
	 * {@code summaryInterval} is negative
	 */
	public LoggingTelemetryListenerErrorHandler(int loggedFailures, Duration summaryInterval) {
		this(loggedFailures, summaryInterval, System::nanoTime);
	}

	LoggingTelemetryListenerErrorHandler(int loggedFailures, Duration summaryInterval, LongSupplier nanoTime) {
		this.failureLog = new ListenerFailureLog(logger, loggedFailures, summaryInterval, nanoTime);
	}

	@Override
	public void handleError(TelemetryListenerExecutionFailedException exception) {
		Throwable cause = exception.getCause();
		this.failureLog.failed(exception.getListenerId(), "Telemetry listener '" + exception.getListenerId() + "'",
				exception.getEvents(), (cause != null) ? cause : exception);
	}

}
