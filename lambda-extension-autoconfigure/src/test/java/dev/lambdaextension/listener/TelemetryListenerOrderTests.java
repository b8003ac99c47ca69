package dev.lambdaextension.listener;

import java.util.List;

import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryListener;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the order of telemetry listeners.
 */
class TelemetryListenerOrderTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(TelemetryListenerTestConfiguration.class);

	@Test
	void listenersShouldBeRegisteredByOrderFromMethodOrBeanThenUnorderedLast() {
		this.contextRunner.withBean("unordered", UnorderedListener.class)
			.withBean("ordered", OrderedBeanListener.class)
			.withBean("annotated", AnnotatedMethodListener.class)
			.run((context) -> assertThat(context.getBean(TelemetryListenerRegistry.class).listeners())
				.extracting(TelemetryListenerDescriptor::id)
				.containsExactly("annotated", "ordered", "unordered"));
	}

	static class UnorderedListener {

		@TelemetryListener(id = "unordered")
		void onEvent(TelemetryEvent event) {
		}

	}

	static class OrderedBeanListener implements Ordered {

		@TelemetryListener(id = "ordered")
		void onEvents(List<TelemetryEvent> events) {
		}

		@Override
		public int getOrder() {
			return 10;
		}

	}

	static class AnnotatedMethodListener {

		@Order(1)
		@TelemetryListener(id = "annotated")
		void onEvent(TelemetryEvent event) {
		}

	}

}
