package dev.lambdaextension.listener;

import dev.lambdaextension.telemetry.TelemetryEvent;

/**
 * A parsed {@code @TelemetryListener} condition.
 *
 * @since 0.2.0
 * @see TelemetryListenerConditionEvaluator
 */
@FunctionalInterface
public interface TelemetryListenerCondition {

	/**
	 * Return whether an event satisfies the condition.
	 * @param event the event
	 * @return whether the event is delivered
	 * @throws org.springframework.expression.EvaluationException if the expression
	 * fails on this event or does not give a boolean
	 */
	boolean test(TelemetryEvent event);

}
