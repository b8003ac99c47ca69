package dev.lambdaextension.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Condition behind {@link ConditionalOnExtensionMode}.
 */
class OnExtensionModeCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		LambdaExtensionProperties.Mode required = metadata.getAnnotations()
			.get(ConditionalOnExtensionMode.class)
			.getEnum("value", LambdaExtensionProperties.Mode.class);
		boolean internal = ExecutionMode
			.of(LambdaExtensionProperties.bind(context.getEnvironment()), context.getEnvironment())
			.isInternal();
		LambdaExtensionProperties.Mode mode = internal ? LambdaExtensionProperties.Mode.INTERNAL
				: LambdaExtensionProperties.Mode.EXTERNAL;
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnExtensionMode.class, required);
		return (mode == required) ? ConditionOutcome.match(message.because("the extension is " + mode))
				: ConditionOutcome.noMatch(message.because("the extension is " + mode));
	}

}
