package dev.lambdaextension.listener;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.lambdaextension.telemetry.FunctionLog;
import dev.lambdaextension.telemetry.LogRecord;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryListener;
import dev.lambdaextension.test.logging.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@code @TelemetryListener(condition = ...)}.
 */
class TelemetryListenerConditionTests {

	@RegisterExtension
	final LogCapture logs = LogCapture.of("dev.lambdaextension");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(TelemetryListenerTestConfiguration.class);

	private final List<TelemetryEvent> batch = TestTelemetry.batch(TestTelemetry.functionLog("ERROR one"),
			TestTelemetry.functionLog("fine"), TestTelemetry.report("r-1"), TestTelemetry.functionLog("ERROR two"));

	@Test
	void conditionShouldBeEvaluatedPerEventForSingleAndBatchListeners() {
		this.contextRunner.withBean(ErrorListeners.class).run((context) -> {
			context.getBean(TelemetryListenerRegistry.class).consume(this.batch);
			ErrorListeners listeners = context.getBean(ErrorListeners.class);
			assertThat(listeners.single).extracting(LogRecord::message).containsExactly("ERROR one", "ERROR two");
			assertThat(listeners.batches).singleElement()
				.satisfies((events) -> assertThat(events).extracting(TelemetryEvent::type)
					.containsExactly("function", "function"));
		});
	}

	@Test
	void conditionShouldReferToBeans() {
		this.contextRunner.withBean("words", Words.class).withBean(BeanConditionListener.class).run((context) -> {
			context.getBean(TelemetryListenerRegistry.class).consume(this.batch);
			assertThat(context.getBean(BeanConditionListener.class).events).extracting(FunctionLog::message)
				.containsExactly("fine");
		});
	}

	@Test
	void invalidConditionShouldFailStartupNamingTheListener() {
		this.contextRunner.withBean(InvalidConditionListener.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).cause()
				.isInstanceOf(InvalidTelemetryListenerException.class)
				.hasMessageContaining("onLog(FunctionLog)' has an invalid condition 'message.startsWith('");
		});
	}

	@Test
	void conditionFailingOnAnEventShouldGoToTheErrorHandlerAndNotStopOtherListeners() {
		this.contextRunner.withBean(FailingConditionListener.class).withBean(ErrorListeners.class).run((context) -> {
			TelemetryListenerRegistry registry = context.getBean(TelemetryListenerRegistry.class);
			registry.consume(this.batch);
			assertThat(registry.getListener("failingCondition").failures()).isOne();
			assertThat(context.getBean(ErrorListeners.class).single).hasSize(2);
		});
		assertThat(this.logs.messages(Level.WARNING)).singleElement()
			.asString()
			.startsWith("Telemetry listener 'failingCondition' failed on 4 event(s) of type(s) "
					+ "[function, platform.report]: org.springframework.expression.spel.SpelEvaluationException: "
					+ "EL1008E: Property or field 'missing'");
	}

	static class ErrorListeners {

		final List<LogRecord> single = new CopyOnWriteArrayList<>();

		final List<List<TelemetryEvent>> batches = new CopyOnWriteArrayList<>();

		@TelemetryListener(condition = "message.startsWith('ERROR')")
		void onLog(FunctionLog log) {
			this.single.add(log);
		}

		@TelemetryListener(condition = "#type == 'function' and #event.message().startsWith('ERROR')")
		void onBatch(List<TelemetryEvent> events) {
			this.batches.add(events);
		}

	}

	static class Words {

		public boolean quiet(String message) {
			return !message.startsWith("ERROR");
		}

	}

	static class BeanConditionListener {

		final List<FunctionLog> events = new CopyOnWriteArrayList<>();

		@TelemetryListener(condition = "@words.quiet(#event.message())")
		void onLog(FunctionLog log) {
			this.events.add(log);
		}

	}

	static class InvalidConditionListener {

		@TelemetryListener(condition = "message.startsWith('ERROR'")
		void onLog(FunctionLog log) {
		}

	}

	static class FailingConditionListener {

		@TelemetryListener(id = "failingCondition", condition = "#record.missing.field")
		void onEvents(List<TelemetryEvent> events) {
		}

	}

}
