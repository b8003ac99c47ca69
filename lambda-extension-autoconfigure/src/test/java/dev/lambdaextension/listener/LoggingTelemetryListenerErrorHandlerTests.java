package dev.lambdaextension.listener;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.test.logging.CapturedLog;
import dev.lambdaextension.test.logging.LogCapture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

import static dev.lambdaextension.listener.TestTelemetry.batch;
import static dev.lambdaextension.listener.TestTelemetry.functionLog;
import static dev.lambdaextension.listener.TestTelemetry.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LoggingTelemetryListenerErrorHandler}.
 */
class LoggingTelemetryListenerErrorHandlerTests {

	static final String LOGGER = "dev.lambdaextension.listener";

	@RegisterExtension
	final LogCapture logs = LogCapture.of(LOGGER);

	private final LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());

	private final AtomicLong nanoTime = new AtomicLong();

	private final LoggingTelemetryListenerErrorHandler handler = new LoggingTelemetryListenerErrorHandler(3,
			Duration.ofMinutes(1), this.nanoTime::get);

	@AfterEach
	void resetLogLevel() {
		this.loggingSystem.setLogLevel(LOGGER, null);
	}

	@Test
	void eachFailureShouldBeOneWarnLineWithoutStackTraceOrPayload() {
		this.loggingSystem.setLogLevel(LOGGER, LogLevel.INFO);
		this.handler.handleError(failure("reports", batch(report("secret-1"), report("secret-2")), "boom"));
		this.handler.handleError(failure("reports", batch(report("secret-3")), "boom again"));
		assertThat(this.logs.messages(Level.WARNING)).containsExactly(
				"Telemetry listener 'reports' failed on 2 event(s) of type(s) [platform.report]: "
						+ "java.lang.IllegalStateException: boom",
				"Telemetry listener 'reports' failed on 1 event(s) of type(s) [platform.report]: "
						+ "java.lang.IllegalStateException: boom again");
		assertThat(this.logs.records()).hasSize(2)
			.allSatisfy(LoggingTelemetryListenerErrorHandlerTests::hasNoTraceOrPayload);
	}

	@Test
	void stackTraceShouldBeLoggedAtDebugOnly() {
		this.loggingSystem.setLogLevel(LOGGER, LogLevel.DEBUG);
		this.handler.handleError(failure("reports", batch(report("secret-1")), "boom"));
		assertThat(this.logs.records(Level.WARNING)).singleElement()
			.satisfies(LoggingTelemetryListenerErrorHandlerTests::hasNoTraceOrPayload);
		assertThat(this.logs.records(Level.DEBUG)).singleElement().satisfies((debug) -> {
			assertThat(debug.message()).isEqualTo("Telemetry listener 'reports' failed on 1 event(s)");
			assertThat(debug.thrown()).isInstanceOf(IllegalStateException.class).hasMessage("boom");
		});
	}

	@Test
	void repeatedFailuresShouldBeSummarisedAtMostOncePerIntervalAndListener() {
		this.loggingSystem.setLogLevel(LOGGER, LogLevel.INFO);
		for (int i = 0; i < 10; i++) {
			this.handler.handleError(failure("reports", batch(report("r")), "boom"));
		}
		this.handler.handleError(failure("logs", batch(functionLog("f")), "other"));
		assertThat(this.logs.messages(Level.WARNING)).hasSize(4);
		assertThat(this.logs.messages(Level.WARNING).get(2)).endsWith(
				"java.lang.IllegalStateException: boom (further failures are summarised at most every 60s)");
		assertThat(this.logs.messages(Level.WARNING).get(3)).endsWith("Telemetry listener 'logs' failed on 1 event(s) "
				+ "of type(s) "
				+ "[function]: java.lang.IllegalStateException: other");
		this.nanoTime.addAndGet(Duration.ofSeconds(30).toNanos());
		this.handler.handleError(failure("reports", batch(report("r")), "boom"));
		assertThat(this.logs.messages(Level.WARNING)).hasSize(4);
		this.nanoTime.addAndGet(Duration.ofSeconds(31).toNanos());
		this.handler.handleError(failure("reports", batch(report("r"), report("r")), "latest"));
		assertThat(this.logs.messages(Level.WARNING)).hasSize(5);
		assertThat(this.logs.messages(Level.WARNING).get(4)).endsWith("Telemetry listener 'reports' failed 9 more "
				+ "time(s) in the "
				+ "last 61s, latest on 2 event(s) of type(s) [platform.report]: java.lang.IllegalStateException: latest");
		this.nanoTime.addAndGet(Duration.ofSeconds(1).toNanos());
		this.handler.handleError(failure("reports", batch(report("r")), "boom"));
		assertThat(this.logs.messages(Level.WARNING)).hasSize(5);
	}

	@Test
	void multiLineMessageShouldBeLoggedOnOneLine() {
		this.loggingSystem.setLogLevel(LOGGER, LogLevel.INFO);
		this.handler.handleError(failure("reports", batch(report("r")), "first line\n  second line\r\n"));
		this.handler.handleError(failure("reports", batch(report("r")), null));
		assertThat(this.logs.messages(Level.WARNING)).satisfiesExactly(
				(line) -> assertThat(line).endsWith("java.lang.IllegalStateException: first line second line"),
				(line) -> assertThat(line).endsWith("[platform.report]: java.lang.IllegalStateException"))
			.noneMatch((line) -> line.contains("\n") || line.contains("\r"));
	}

	@Test
	void negativeSettingsShouldBeRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LoggingTelemetryListenerErrorHandler(-1, Duration.ofMinutes(1)))
			.withMessage("'loggedFailures' must not be negative");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LoggingTelemetryListenerErrorHandler(3, Duration.ofSeconds(-1)))
			.withMessage("'summaryInterval' must not be negative");
	}

	static void hasNoTraceOrPayload(CapturedLog record) {
		assertThat(record.thrown()).as("logged throwable").isNull();
		assertThat(record.message()).doesNotContain("secret", "\tat ");
	}

	private static TelemetryListenerExecutionFailedException failure(String id, List<TelemetryEvent> events,
			@Nullable String message) {
		return new TelemetryListenerExecutionFailedException(id, "listeners.on(TelemetryEvent)", events,
				new IllegalStateException(message));
	}

}
