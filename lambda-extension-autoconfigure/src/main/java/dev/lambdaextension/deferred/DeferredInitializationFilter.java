package dev.lambdaextension.deferred;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanDefinition;

/**
 * Chooses beans of the application to create after the first {@code event/next} rather
 * than before it, in addition to the metrics, health and Actuator beans that are always
 * deferred. Declare one as a {@code static} {@code @Bean}, as it is read by a bean factory
 * post-processor. A bean another bean needs before the first {@code event/next} is still
 * created then.
 *
 * @since 0.2.0
 * @see DeferredInitializationBeanFactoryPostProcessor
 */
@FunctionalInterface
public interface DeferredInitializationFilter {

	/**
	 * Whether the bean should be created after the first {@code event/next}.
	 * @param beanName the bean name
	 * @param beanDefinition the bean definition
	 * @param beanType the bean type, if it can be determined without creating it
	 * @return {@code true} to defer the bean
	 */
	boolean isDeferred(String beanName, BeanDefinition beanDefinition, @Nullable Class<?> beanType);

}
