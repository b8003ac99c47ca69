package dev.lambdaextension.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when a Lambda runtime API address is known ({@code lambda.extension.runtime-api}
 * or {@code AWS_LAMBDA_RUNTIME_API}) and {@code lambda.extension.enabled} is not
 * {@code false}.
 *
 * @since 0.1.0
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnLambdaRuntimeCondition.class)
public @interface ConditionalOnLambdaRuntime {

}
