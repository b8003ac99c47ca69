package dev.lambdaextension.listener;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.lambdaextension.telemetry.TelemetryEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.Expression;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;

/**
 * Parses and evaluates the SpEL conditions of telemetry listeners. Each expression is
 * parsed once and cached. An event is the root object and the {@code #event} variable;
 * {@code #type} is its type and {@code #record} its raw record; {@code @beanName} refers
 * to a bean of the bean factory, if one is set.
 *
 * @since 0.2.0
 */
public class TelemetryListenerConditionEvaluator {

	private final ExpressionParser parser = new SpelExpressionParser();

	private final Map<String, Expression> expressions = new ConcurrentHashMap<>();

	private final @Nullable BeanFactoryResolver beanResolver;

	/**
	 * Create an evaluator without bean references.
	 */
	public TelemetryListenerConditionEvaluator() {
		this(null);
	}

	/**
	 * Create an evaluator resolving {@code @beanName} against a bean factory.
	 * @param beanFactory the bean factory, or {@code null} for no bean references
	 */
	public TelemetryListenerConditionEvaluator(@Nullable BeanFactory beanFactory) {
		this.beanResolver = (beanFactory != null) ? new BeanFactoryResolver(beanFactory) : null;
	}

	/**
	 * Parse a condition, or return the cached parse.
	 * @param subject who declares it, for the message of a failure
	 * @param condition the expression
	 * @return the condition, ready to test events
	 * @throws InvalidTelemetryListenerException if the expression does not parse
	 */
	public TelemetryListenerCondition parse(String subject, String condition) {
		Expression expression;
		try {
			expression = this.expressions.computeIfAbsent(condition, this.parser::parseExpression);
		}
		catch (ParseException ex) {
			throw new InvalidTelemetryListenerException(
					subject + " has an invalid condition '" + condition + "': " + ex.getMessage(), ex);
		}
		return (event) -> evaluate(expression, event);
	}

	int cachedExpressions() {
		return this.expressions.size();
	}

	private boolean evaluate(Expression expression, TelemetryEvent event) {
		StandardEvaluationContext context = new StandardEvaluationContext(event);
		context.setVariable("event", event);
		context.setVariable("type", event.type());
		context.setVariable("record", event.record());
		if (this.beanResolver != null) {
			context.setBeanResolver(this.beanResolver);
		}
		Object value = expression.getValue(context);
		if (value instanceof Boolean result) {
			return result;
		}
		if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
			return Boolean.parseBoolean(text);
		}
		throw new EvaluationException(expression.getExpressionString(),
				"Condition must be a boolean, but was " + ((value != null) ? "'" + value + "'" : "null"));
	}

}
