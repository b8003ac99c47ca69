package dev.lambdaextension.listener;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import dev.lambdaextension.telemetry.TelemetryEvent;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

/**
 * Logs listener failures as one {@code WARN} line each, naming the events' count and
 * types and the exception's class and message, never the events' payload; the stack
 * trace goes to {@code DEBUG}. Per key, the first failures are logged one by one, later
 * ones counted and summarised in at most one line per interval, written with the next
 * failure once the interval has passed.
 */
final class ListenerFailureLog {

	private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n]+\\s*");

	private static final int MAX_MESSAGE_LENGTH = 300;

	private final Log logger;

	private final int loggedFailures;

	private final Duration summaryInterval;

	private final LongSupplier nanoTime;

	private final Map<String, FailureCount> counts = new ConcurrentHashMap<>();

	ListenerFailureLog(Log logger, int loggedFailures, Duration summaryInterval, LongSupplier nanoTime) {
		this.logger = Objects.requireNonNull(logger, "'logger' must not be null");
		if (loggedFailures < 0) {
			throw new IllegalArgumentException("'loggedFailures' must not be negative");
		}
		Objects.requireNonNull(summaryInterval, "'summaryInterval' must not be null");
		if (summaryInterval.isNegative()) {
			throw new IllegalArgumentException("'summaryInterval' must not be negative");
		}
		this.loggedFailures = loggedFailures;
		this.summaryInterval = summaryInterval;
		this.nanoTime = Objects.requireNonNull(nanoTime, "'nanoTime' must not be null");
	}

	/**
	 * Log a failure.
	 * @param key what failures are counted by, for example the listener id
	 * @param subject who failed, for example {@code Telemetry listener 'reports'}
	 * @param events the events being delivered
	 * @param failure the exception
	 */
	void failed(String key, String subject, List<TelemetryEvent> events, Throwable failure) {
		String line = null;
		if (this.logger.isWarnEnabled()) {
			String detail = "on " + events.size() + " event(s) of type(s) "
					+ events.stream().map(TelemetryEvent::type).distinct().toList() + ": " + describe(failure);
			line = this.counts.computeIfAbsent(key, (ignored) -> new FailureCount()).next(subject, detail);
		}
		if (line != null) {
			this.logger.warn(line);
		}
		if (this.logger.isDebugEnabled()) {
			this.logger.debug(subject + " failed on " + events.size() + " event(s)", failure);
		}
	}

	static String describe(Throwable failure) {
		String message = failure.getMessage();
		if (message == null || message.isBlank()) {
			return failure.getClass().getName();
		}
		String singleLine = LINE_BREAKS.matcher(message.strip()).replaceAll(" ");
		if (singleLine.length() > MAX_MESSAGE_LENGTH) {
			singleLine = singleLine.substring(0, MAX_MESSAGE_LENGTH) + "...";
		}
		return failure.getClass().getName() + ": " + singleLine;
	}

	private static String format(Duration duration) {
		return (duration.toSeconds() > 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

	private final class FailureCount {

		private long failures;

		private long unreported;

		private boolean reported;

		private long lastReportNanos;

		synchronized @Nullable String next(String subject, String detail) {
			long now = ListenerFailureLog.this.nanoTime.getAsLong();
			this.failures++;
			if (this.failures <= ListenerFailureLog.this.loggedFailures) {
				this.reported = true;
				this.lastReportNanos = now;
				String line = subject + " failed " + detail;
				if (this.failures == ListenerFailureLog.this.loggedFailures) {
					line += " (further failures are summarised at most every "
							+ format(ListenerFailureLog.this.summaryInterval) + ")";
				}
				return line;
			}
			this.unreported++;
			Duration elapsed = Duration.ofNanos(now - this.lastReportNanos);
			if (!this.reported) {
				this.reported = true;
				this.unreported = 0;
				this.lastReportNanos = now;
				return subject + " failed " + detail;
			}
			if (elapsed.compareTo(ListenerFailureLog.this.summaryInterval) < 0) {
				return null;
			}
			String line = subject + " failed " + this.unreported + " more time(s) in the last " + format(elapsed)
					+ ", latest " + detail;
			this.unreported = 0;
			this.lastReportNanos = now;
			return line;
		}

	}

}
