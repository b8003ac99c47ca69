package dev.lambdaextension.listener;

/**
 * Handles an exception thrown by a {@code @TelemetryListener} method. Configured per
 * listener by bean name through {@code errorHandler}, or the registry's default. Called
 * on the dispatch thread; delivery to the other listeners continues whatever it does.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface TelemetryListenerErrorHandler {

	/**
	 * Handle a listener failure.
	 * @param exception the failure, with the listener id, the events and the cause
	 */
	void handleError(TelemetryListenerExecutionFailedException exception);

}
