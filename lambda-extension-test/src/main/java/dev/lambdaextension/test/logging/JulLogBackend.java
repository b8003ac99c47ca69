package dev.lambdaextension.test.logging;

import java.lang.System.Logger.Level;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * {@link LogBackend} for {@code java.util.logging}, which is also where {@link System.Logger} writes by default.
 * The logger stops handing records to its parents' handlers while attached, so nothing reaches the console or a
 * bridge to another backend.
 */
final class JulLogBackend implements LogBackend {

	private static final SimpleFormatter formatter = new SimpleFormatter();

	@Override
	public AutoCloseable attach(String loggerName, Consumer<CapturedLog> sink) {
		Logger logger = Logger.getLogger(loggerName);
		boolean useParentHandlers = logger.getUseParentHandlers();
		Handler handler = new CapturingHandler(sink);
		logger.addHandler(handler);
		logger.setUseParentHandlers(false);
		return () -> {
			logger.removeHandler(handler);
			logger.setUseParentHandlers(useParentHandlers);
		};
	}

	static Level level(java.util.logging.Level level) {
		int value = level.intValue();
		if (value >= java.util.logging.Level.SEVERE.intValue()) {
			return Level.ERROR;
		}
		if (value >= java.util.logging.Level.WARNING.intValue()) {
			return Level.WARNING;
		}
		if (value >= java.util.logging.Level.INFO.intValue()) {
			return Level.INFO;
		}
		return (value >= java.util.logging.Level.FINE.intValue()) ? Level.DEBUG : Level.TRACE;
	}

	private static final class CapturingHandler extends Handler {

		private final Consumer<CapturedLog> sink;

		CapturingHandler(Consumer<CapturedLog> sink) {
			this.sink = sink;
		}

		@Override
		public void publish(LogRecord record) {
			this.sink.accept(new CapturedLog(String.valueOf(record.getLoggerName()), level(record.getLevel()),
					formatter.formatMessage(record), record.getThrown(), Thread.currentThread().getName()));
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

	}

}
