package dev.lambdaextension.listener;

import dev.lambdaextension.telemetry.TelemetryEvent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.expression.EvaluationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TelemetryListenerConditionEvaluator}.
 */
class TelemetryListenerConditionEvaluatorTests {

	private final TelemetryListenerConditionEvaluator evaluator = new TelemetryListenerConditionEvaluator();

	private final TelemetryEvent log = TestTelemetry.batch(TestTelemetry.functionLog("ERROR boom")).get(0);

	private final TelemetryEvent report = TestTelemetry.batch(TestTelemetry.report("r-1")).get(0);

	@Test
	void eventShouldBeTheRootObjectAndTheEventVariable() {
		assertThat(this.evaluator.parse("listener", "message.startsWith('ERROR')").test(this.log)).isTrue();
		assertThat(this.evaluator.parse("listener", "#event.message().contains('boom')").test(this.log)).isTrue();
		assertThat(this.evaluator.parse("listener", "#event.message().contains('fine')").test(this.log)).isFalse();
	}

	@Test
	void typeAndRecordShouldBeVariables() {
		TelemetryListenerCondition condition = this.evaluator.parse("listener",
				"#type == 'platform.report' and #record.get('metrics').get('billedDurationMs').asInt() > 100");
		assertThat(condition.test(this.report)).isTrue();
		assertThat(this.evaluator.parse("listener", "#type == 'platform.report'").test(this.log)).isFalse();
	}

	@Test
	void beanReferencesShouldResolveAgainstTheBeanFactory() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("filter", new Filter("boom"));
		TelemetryListenerCondition condition = new TelemetryListenerConditionEvaluator(beanFactory).parse("listener",
				"@filter.matches(#event.message())");
		assertThat(condition.test(this.log)).isTrue();
	}

	@Test
	void stringTrueShouldCountAsTrue() {
		assertThat(this.evaluator.parse("listener", "'true'").test(this.log)).isTrue();
	}

	@Test
	void invalidExpressionShouldFailNamingTheListener() {
		assertThatExceptionOfType(InvalidTelemetryListenerException.class)
			.isThrownBy(() -> this.evaluator.parse("@TelemetryListener method 'bean.onLog(FunctionLog)'", "#type =="))
			.withMessageContaining("@TelemetryListener method 'bean.onLog(FunctionLog)' has an invalid condition '#type =='");
	}

	@Test
	void nonBooleanResultShouldFailTheEvaluation() {
		TelemetryListenerCondition condition = this.evaluator.parse("listener", "#type");
		assertThatExceptionOfType(EvaluationException.class).isThrownBy(() -> condition.test(this.log))
			.withMessageContaining("Condition must be a boolean, but was 'function'");
	}

	@Test
	void sameExpressionShouldBeParsedOnce() {
		TelemetryListenerCondition first = this.evaluator.parse("one", "#type == 'function'");
		TelemetryListenerCondition second = this.evaluator.parse("two", "#type == 'function'");
		assertThat(first.test(this.log)).isTrue();
		assertThat(second.test(this.log)).isTrue();
		assertThat(this.evaluator.cachedExpressions()).isOne();
	}

	record Filter(String word) {

		public boolean matches(String message) {
			return message.contains(this.word);
		}

	}

}
