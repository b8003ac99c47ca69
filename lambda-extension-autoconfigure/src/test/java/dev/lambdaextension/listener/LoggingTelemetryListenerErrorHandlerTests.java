package dev.lambdaextension.listener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.lambdaextension.telemetry.TelemetryEvent;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static dev.lambdaextension.listener.TestTelemetry.batch;
import static dev.lambdaextension.listener.TestTelemetry.functionLog;
import static dev.lambdaextension.listener.TestTelemetry.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LoggingTelemetryListenerErrorHandler}.
 */
@ExtendWith(OutputCaptureExtension.class)
class LoggingTelemetryListenerErrorHandlerTests {

	static final String LOGGER = "dev.lambdaextension.listener";

	private final LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());

	private final AtomicLong nanoTime = new AtomicLong();

	private final LoggingTelemetryListenerErrorHandler handler = new LoggingTelemetryListenerErrorHandler(3,
			Duration.ofMinutes(1), this.nanoTime::get);

	@AfterEach
	void resetLogLevel() {
		this.loggingSystem.setLogLevel(LOGGER, null);
	}

	@Test
	void eachFailureShouldBeOneWarnLineWithoutStackTraceOrPayload(CapturedOutput output) {
		this.loggingSystem.setLogLevel(LOGGER, LogLevel.INFO);
		this.handler.handleError(failure("reports", batch(report("secret-1"), report("secret-2")), "boom"));
		this.handler.handleError(failure("reports", batch(report("secret-3")), "boom again"));
		assertThat(warnLines(output)).satisfiesExactly(
				(line) -> assertThat(line).endsWith("Telemetry listener 'reports' failed on 2 event(s) of type(s) "
						+ "[platform.report]: java.lang.IllegalStateException: boom"),
				(line) -> assertThat(line).endsWith("Telemetry listener 'reports' failed on 1 event(s) of type(s) "
						+ "[platform.report]: java.lang.IllegalStateException: boom again"));
		assertThat(output.getAll()).doesNotContain("\tat ", "secret", "DEBUG");
	}

	@Test
	void stackTraceShouldBeLoggedAtDebugOnly(CapturedOutput output) {
		this.loggingSystem.setLogLevel(LOGGER, LogLevel.DEBUG);
		this.handler.handleError(failure("reports", batch(report("secret-1")), "boom"));
		assertThat(warnLines(output)).singleElement().asString().doesNotContain("\tat ");
		assertThat(output.getAll()).contains("DEBUG", "Telemetry listener 'reports' failed on 1 event(s)",
				"java.lang.IllegalStateException: boom", "\tat ")
			.doesNotContain("secret");
	}

	@Test
	void repeatedFailuresShouldBeSummarisedAtMostOncePerIntervalAndListener(CapturedOutput output) {
		this.loggingSystem.setLogLevel(LOGGER, LogLevel.INFO);
		for (int i = 0; i < 10; i++) {
			this.handler.handleError(failure("reports", batch(report("r")), "boom"));
		}
		this.handler.handleError(failure("logs", batch(functionLog("f")), "other"));
		assertThat(warnLines(output)).hasSize(4);
		assertThat(warnLines(output).get(2)).endsWith(
				"java.lang.IllegalStateException: boom (further failures are summarised at most every 60s)");
		assertThat(warnLines(output).get(3)).endsWith("Telemetry listener 'logs' failed on 1 event(s) of type(s) "
				+ "[function]: java.lang.IllegalStateException: other");
		this.nanoTime.addAndGet(Duration.ofSeconds(30).toNanos());
		this.handler.handleError(failure("reports", batch(report("r")), "boom"));
		assertThat(warnLines(output)).hasSize(4);
		this.nanoTime.addAndGet(Duration.ofSeconds(31).toNanos());
		this.handler.handleError(failure("reports", batch(report("r"), report("r")), "latest"));
		assertThat(warnLines(output)).hasSize(5);
		assertThat(warnLines(output).get(4)).endsWith("Telemetry listener 'reports' failed 9 more time(s) in the "
				+ "last 61s, latest on 2 event(s) of type(s) [platform.report]: java.lang.IllegalStateException: latest");
		this.nanoTime.addAndGet(Duration.ofSeconds(1).toNanos());
		this.handler.handleError(failure("reports", batch(report("r")), "boom"));
		assertThat(warnLines(output)).hasSize(5);
	}

	@Test
	void multiLineMessageShouldBeLoggedOnOneLine(CapturedOutput output) {
		this.loggingSystem.setLogLevel(LOGGER, LogLevel.INFO);
		this.handler.handleError(failure("reports", batch(report("r")), "first line\n  second line\r\n"));
		this.handler.handleError(failure("reports", batch(report("r")), null));
		assertThat(warnLines(output)).satisfiesExactly(
				(line) -> assertThat(line).endsWith("java.lang.IllegalStateException: first line second line"),
				(line) -> assertThat(line).endsWith("[platform.report]: java.lang.IllegalStateException"));
		assertThat(output.getAll().lines()).noneMatch((line) -> line.startsWith("  second line"));
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

	static List<String> warnLines(CapturedOutput output) {
		return output.getAll().lines().filter((line) -> line.contains(" WARN ")).toList();
	}

	private static TelemetryListenerExecutionFailedException failure(String id, List<TelemetryEvent> events,
			@Nullable String message) {
		return new TelemetryListenerExecutionFailedException(id, "listeners.on(TelemetryEvent)", events,
				new IllegalStateException(message));
	}

}
