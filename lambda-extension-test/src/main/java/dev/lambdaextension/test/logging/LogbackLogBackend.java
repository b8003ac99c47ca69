package dev.lambdaextension.test.logging;

import java.lang.System.Logger.Level;
import java.util.function.Consumer;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * {@link LogBackend} for Logback, Spring Boot's default, which also receives Commons Logging and SLF4J. The logger
 * is made non-additive while attached, so its records reach no other appender.
 */
final class LogbackLogBackend implements LogBackend {

	private final LoggerContext context;

	private LogbackLogBackend(LoggerContext context) {
		this.context = context;
	}

	/**
	 * The backend for the SLF4J binding, if that is Logback. Call only when Logback is on the class path.
	 * @return the backend, or {@code null} if SLF4J is bound to another backend
	 */
	static @Nullable LogBackend ifBound() {
		return (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) ? new LogbackLogBackend(context)
				: null;
	}

	@Override
	public AutoCloseable attach(String loggerName, Consumer<CapturedLog> sink) {
		Logger logger = this.context.getLogger(loggerName);
		boolean additive = logger.isAdditive();
		CapturingAppender appender = new CapturingAppender(sink);
		appender.setContext(this.context);
		appender.start();
		logger.addAppender(appender);
		logger.setAdditive(false);
		return () -> {
			logger.detachAppender(appender);
			logger.setAdditive(additive);
			appender.stop();
		};
	}

	static Level level(ch.qos.logback.classic.Level level) {
		return switch (level.toInt()) {
			case ch.qos.logback.classic.Level.ERROR_INT -> Level.ERROR;
			case ch.qos.logback.classic.Level.WARN_INT -> Level.WARNING;
			case ch.qos.logback.classic.Level.INFO_INT -> Level.INFO;
			case ch.qos.logback.classic.Level.DEBUG_INT -> Level.DEBUG;
			default -> Level.TRACE;
		};
	}

	private static final class CapturingAppender extends AppenderBase<ILoggingEvent> {

		private final Consumer<CapturedLog> sink;

		CapturingAppender(Consumer<CapturedLog> sink) {
			this.sink = sink;
		}

		@Override
		protected void append(ILoggingEvent event) {
			Throwable thrown = (event.getThrowableProxy() instanceof ThrowableProxy proxy) ? proxy.getThrowable()
					: null;
			this.sink.accept(new CapturedLog(event.getLoggerName(), level(event.getLevel()),
					event.getFormattedMessage(), thrown, event.getThreadName()));
		}

	}

}
