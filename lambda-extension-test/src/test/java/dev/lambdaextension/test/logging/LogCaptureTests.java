package dev.lambdaextension.test.logging;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Tests for {@link LogCapture}.
 */
class LogCaptureTests {

	static final String CAPTURED = "dev.lambdaextension.test.logging.captured";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	final LogCapture logs = LogCapture.of(CAPTURED);

	private final RecordingHandler julRoot = new RecordingHandler();

	private final ListAppender<ILoggingEvent> logbackRoot = new ListAppender<>();

	@BeforeEach
	void watchRootLoggers() {
		Logger.getLogger("").addHandler(this.julRoot);
		this.logbackRoot.start();
		logbackContext().getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(this.logbackRoot);
	}

	@AfterEach
	void unwatchRootLoggers() {
		Logger.getLogger("").removeHandler(this.julRoot);
		logbackContext().getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(this.logbackRoot);
	}

	@Test
	void systemLoggerRecordsFromAnotherThreadShouldBeCapturedAndKeptFromOtherHandlers() throws Exception {
		IllegalStateException failure = new IllegalStateException("boom");
		Thread thread = new Thread(() -> System.getLogger(CAPTURED + ".child")
			.log(Level.WARNING, "Refused {0} request(s)", failure, 3), "log-capture-test");
		thread.start();
		CapturedLog record = this.logs.await(Level.WARNING, "Refused", TIMEOUT);
		thread.join(TIMEOUT.toMillis());
		assertThat(record.logger()).isEqualTo(CAPTURED + ".child");
		assertThat(record.thread()).isEqualTo("log-capture-test");
		assertThat(this.julRoot.records).isEmpty();
	}

	@Test
	void julLevelsAndParametersShouldBeMapped() {
		Logger logger = Logger.getLogger(CAPTURED);
		logger.log(java.util.logging.Level.SEVERE, "failed on {0}", "a batch");
		logger.info("started");
		logger.fine("not logged at the default level");
		assertThat(this.logs.records()).extracting(CapturedLog::level, CapturedLog::message)
			.containsExactly(tuple(Level.ERROR, "failed on a batch"),
					tuple(Level.INFO, "started"));
		assertThat(this.julRoot.records).isEmpty();
	}

	@Test
	void slf4jRecordsShouldBeCapturedWithTheirThrowableAndKeptFromOtherAppenders() {
		IllegalStateException failure = new IllegalStateException("boom");
		LoggerFactory.getLogger(CAPTURED + ".child").warn("Listener {} failed", "reports", failure);
		LoggerFactory.getLogger(CAPTURED).error("Loop failed");
		LoggerFactory.getLogger("dev.lambdaextension.test.logging.other").info("not captured");
		assertThat(this.logs.messages(Level.WARNING)).containsExactly("Listener reports failed");
		assertThat(this.logs.records(Level.WARNING).get(0).thrown()).isSameAs(failure);
		assertThat(this.logs.messages(Level.ERROR)).containsExactly("Loop failed");
		assertThat(this.logbackRoot.list).extracting(ILoggingEvent::getFormattedMessage)
			.containsExactly("not captured");
	}

	@Test
	void awaitShouldFailWithWhatWasCaptured() {
		System.getLogger(CAPTURED).log(Level.INFO, "something else");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.logs.await(Level.WARNING, "never", Duration.ofMillis(50)))
			.withMessageContaining("No WARNING record containing 'never'")
			.withMessageContaining("INFO [main] " + CAPTURED + " - something else");
	}

	@Test
	void loggersShouldBeRestoredAfterEachTestAndCapturedLinesShownWhenItFails() {
		SummaryGeneratingListener summary = new SummaryGeneratingListener();
		String printed = run(FailingFixture.class, summary);
		assertThat(summary.getSummary().getTestsFailedCount()).isOne();
		assertThat(printed)
			.contains("FailingFixture.fails: log lines captured from [" + FailingFixture.LOGGER + "] (2):",
					"WARNING [main] " + FailingFixture.LOGGER + " - first",
					"ERROR [main] " + FailingFixture.LOGGER + " - second (java.lang.IllegalStateException: boom)")
			.contains("\tat ");
		assertThat(Logger.getLogger(FailingFixture.LOGGER).getHandlers()).isEmpty();
		assertThat(Logger.getLogger(FailingFixture.LOGGER).getUseParentHandlers()).isTrue();
		assertThat(logbackContext().getLogger(FailingFixture.LOGGER).isAdditive()).isTrue();
		assertThat(logbackContext().getLogger(FailingFixture.LOGGER).iteratorForAppenders().hasNext()).isFalse();
	}

	@Test
	void warningsThatThePassingTestDidNotAssertShouldBeShownAfterIt() {
		SummaryGeneratingListener summary = new SummaryGeneratingListener();
		String printed = run(UnassertedFixture.class, summary);
		assertThat(summary.getSummary().getTestsSucceededCount()).isOne();
		assertThat(printed).contains("UnassertedFixture.passes: log lines captured but not asserted from [" + UnassertedFixture.LOGGER + "] (1):",
				"ERROR [main] " + UnassertedFixture.LOGGER + " - unexpected")
			.doesNotContain("expected warning", "just information", "sometimes");
	}

	private static String run(Class<?> fixture, SummaryGeneratingListener summary) {
		PrintStream err = System.err;
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		try {
			System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
			LauncherFactory.create().execute(request().selectors(selectClass(fixture)).build(), summary);
		}
		finally {
			System.setErr(err);
		}
		return printed.toString(StandardCharsets.UTF_8);
	}

	private static LoggerContext logbackContext() {
		return (LoggerContext) LoggerFactory.getILoggerFactory();
	}

	static class FailingFixture {

		static final String LOGGER = "dev.lambdaextension.test.logging.fixture";

		@RegisterExtension
		final LogCapture logs = LogCapture.of(LOGGER);

		@Test
		void fails() {
			System.getLogger(LOGGER).log(Level.WARNING, "first");
			LoggerFactory.getLogger(LOGGER).error("second", new IllegalStateException("boom"));
			assertThat(this.logs.records()).isEmpty();
		}

	}

	static class UnassertedFixture {

		static final String LOGGER = "dev.lambdaextension.test.logging.unasserted";

		@RegisterExtension
		final LogCapture logs = LogCapture.of(LOGGER).allow(Level.WARNING, "sometimes");

		@Test
		void passes() {
			System.getLogger(LOGGER).log(Level.WARNING, "a warning that sometimes appears");
			System.getLogger(LOGGER).log(Level.WARNING, "expected warning");
			System.getLogger(LOGGER).log(Level.INFO, "just information");
			System.getLogger(LOGGER).log(Level.ERROR, "unexpected");
			assertThat(this.logs.messages(Level.WARNING)).containsExactly("expected warning");
		}

	}

	private static final class RecordingHandler extends Handler {

		private final List<LogRecord> records = new CopyOnWriteArrayList<>();

		@Override
		public void publish(LogRecord record) {
			this.records.add(record);
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

	}

}
