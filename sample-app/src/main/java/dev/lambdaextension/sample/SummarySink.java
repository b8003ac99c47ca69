package dev.lambdaextension.sample;

/**
 * Where invocation summaries go.
 */
public interface SummarySink {

	/**
	 * Accept a summary. Called on the telemetry dispatch thread or, at SHUTDOWN, on the
	 * event loop thread.
	 * @param summary the summary
	 */
	void accept(InvocationSummary summary);

	/**
	 * Make everything accepted so far durable. Called after each invocation and at
	 * SHUTDOWN.
	 */
	default void flush() {
	}

}
