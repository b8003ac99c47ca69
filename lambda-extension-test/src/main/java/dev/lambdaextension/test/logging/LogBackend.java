package dev.lambdaextension.test.logging;

import java.util.function.Consumer;

/**
 * A logging backend {@link LogCapture} can attach to: it diverts one logger's records (and its children's) to
 * a consumer, away from the handlers or appenders they would otherwise reach.
 */
interface LogBackend {

	/**
	 * Divert the records of the named logger to {@code sink} until the returned handle is closed.
	 * @param loggerName the logger name
	 * @param sink receives each record, on the thread that logged it
	 * @return the handle that restores the logger
	 */
	AutoCloseable attach(String loggerName, Consumer<CapturedLog> sink);

}
