package dev.lambdaextension.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when the extension runs in the given {@link LambdaExtensionProperties.Mode
 * mode}: {@code lambda.extension.mode} when set, otherwise internal when Lambda sets
 * {@code _HANDLER}, as it does for the function's runtime only.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnExtensionModeCondition.class)
@interface ConditionalOnExtensionMode {

	/**
	 * The mode that matches.
	 * @return the mode
	 */
	LambdaExtensionProperties.Mode value();

}
