package dev.lambdaextension.listener;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.lambdaextension.telemetry.TelemetryListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Finds {@link TelemetryListener @TelemetryListener} methods on beans, including the
 * target classes of proxies, builds a {@link MethodTelemetryListenerEndpoint} for each
 * (which validates the signature, failing startup on a bad one) and hands them to a
 * {@link TelemetryListenerEndpointRegistrar}; they reach the
 * {@link TelemetryListenerRegistry} bean once every singleton exists, after the
 * {@link TelemetryListenerConfigurer} beans have added theirs. Register it with a
 * {@code static} {@code @Bean} method.
 *
 * @since 0.1.0
 */
public class TelemetryListenerAnnotationBeanPostProcessor
		implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton, Ordered {

	private static final Log logger = LogFactory.getLog(TelemetryListenerAnnotationBeanPostProcessor.class);

	private final Set<Class<?>> nonAnnotatedClasses = ConcurrentHashMap.newKeySet();

	private final MethodTelemetryListenerEndpointFactory endpointFactory = new MethodTelemetryListenerEndpointFactory();

	private final TelemetryListenerEndpointRegistrar registrar = new TelemetryListenerEndpointRegistrar();

	private @Nullable BeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
		this.endpointFactory.setBeanFactory(beanFactory);
		this.registrar.setBeanFactory(beanFactory);
	}

	/**
	 * Return the registrar the endpoints are handed to.
	 * @return the registrar
	 */
	public TelemetryListenerEndpointRegistrar getEndpointRegistrar() {
		return this.registrar;
	}

	@Override
	public int getOrder() {
		return LOWEST_PRECEDENCE;
	}

	/**
	 * Return whether a type declares {@code @TelemetryListener} methods: a bean of that
	 * type must be created before the telemetry subscription, so it is never initialised
	 * lazily.
	 * @param type the bean type
	 * @return whether it has listener methods
	 */
	public static boolean hasListenerMethods(Class<?> type) {
		return AnnotationUtils.isCandidateClass(type, TelemetryListener.class) && !listenerMethods(type).isEmpty();
	}

	private static Map<Method, TelemetryListener> listenerMethods(Class<?> type) {
		return MethodIntrospector.selectMethods(type,
				(MethodIntrospector.MetadataLookup<TelemetryListener>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, TelemetryListener.class));
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> targetClass = AopProxyUtils.ultimateTargetClass(bean);
		if (this.nonAnnotatedClasses.contains(targetClass)
				|| !AnnotationUtils.isCandidateClass(targetClass, TelemetryListener.class)) {
			return bean;
		}
		Map<Method, TelemetryListener> annotated = listenerMethods(targetClass);
		if (annotated.isEmpty()) {
			this.nonAnnotatedClasses.add(targetClass);
			return bean;
		}
		annotated.forEach((method, annotation) -> {
			MethodTelemetryListenerEndpoint endpoint = this.endpointFactory.create(annotation, method, bean, beanName);
			this.registrar.registerEndpoint(endpoint);
			if (logger.isDebugEnabled()) {
				logger.debug("Found " + endpoint + " receiving " + (endpoint.getTypes().isEmpty() ? "every type"
						: endpoint.getTypes()) + (endpoint.isBatch() ? " in batches" : ""));
			}
		});
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.beanFactory != null) {
			this.beanFactory.getBeanProvider(TelemetryListenerConfigurer.class)
				.orderedStream()
				.forEach((configurer) -> configurer.configureTelemetryListeners(this.registrar));
		}
		this.registrar.registerAllEndpoints();
	}

}
