package dev.lambdaextension.flush;

/**
 * A user bean that sends what an exporter has gathered, called by the library at the
 * moments the configured {@link FlushPolicy} chooses and once more after the shutdown
 * drain. Beans are called in {@link org.springframework.core.annotation.Order @Order}
 * order, one call at a time: never two calls at once, whatever thread triggers them. An
 * exception is logged and does not stop the other flushers.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface TelemetryFlusher {

	/**
	 * Send what was gathered; return once it is sent.
	 * @param trigger why the library calls now
	 */
	void flush(FlushTrigger trigger);

}
