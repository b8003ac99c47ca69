package dev.lambdaextension.autoconfigure;

import dev.lambdaextension.deferred.DeferredBeanInitializer;
import dev.lambdaextension.deferred.DeferredInitializationBeanFactoryPostProcessor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of deferred initialisation: metrics, health and Actuator endpoint beans are created
 * after the first {@code event/next}, out of the function's Init, unless
 * {@code lambda.extension.deferred-initialization.enabled} is {@code false}. External
 * extensions only: an internal one shares the function's application, whose own start
 * is the function's Init either way.
 *
 * @since 0.2.0
 */
@AutoConfiguration
@ConditionalOnLambdaRuntime
@ConditionalOnExtensionMode(LambdaExtensionProperties.Mode.EXTERNAL)
@ConditionalOnBooleanProperty(name = "lambda.extension.deferred-initialization.enabled", matchIfMissing = true)
public final class DeferredInitializationAutoConfiguration {

	DeferredInitializationAutoConfiguration() {
	}

	@Bean
	static DeferredInitializationBeanFactoryPostProcessor lambdaExtensionDeferredInitializationPostProcessor() {
		return new DeferredInitializationBeanFactoryPostProcessor();
	}

	@Bean
	DeferredBeanInitializer lambdaExtensionDeferredBeanInitializer(ConfigurableApplicationContext context) {
		return new DeferredBeanInitializer(context);
	}

}
