package dev.lambdaextension.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Condition behind {@link ConditionalOnLambdaRuntime}.
 */
class OnLambdaRuntimeCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnLambdaRuntime.class);
		if (!LambdaRuntimeApiAddress.isEnabled(context.getEnvironment())) {
			return ConditionOutcome.noMatch(message.because(LambdaRuntimeApiAddress.ENABLED_PROPERTY + " is false"));
		}
		String address = LambdaRuntimeApiAddress.find(context.getEnvironment());
		if (address == null) {
			return ConditionOutcome.noMatch(message.because("no Lambda runtime API address is known"));
		}
		return ConditionOutcome.match(message.found("Lambda runtime API").items(address));
	}

}
