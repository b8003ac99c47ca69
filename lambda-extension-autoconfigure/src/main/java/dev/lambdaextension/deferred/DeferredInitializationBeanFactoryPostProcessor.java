package dev.lambdaextension.deferred;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.lambdaextension.lifecycle.ExtensionLifecycleParticipant;
import dev.lambdaextension.lifecycle.ExtensionObserver;
import dev.lambdaextension.listener.TelemetryListenerAnnotationBeanPostProcessor;
import dev.lambdaextension.telemetry.TelemetryObserver;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.context.Lifecycle;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.type.MethodMetadata;
import org.springframework.util.ClassUtils;

/**
 * Marks the beans the first {@code event/next} does not need as lazy, for the
 * {@link DeferredBeanInitializer} to create them after it: every bean declared by Spring
 * Boot's Actuator, health and Micrometer auto-configurations (or by Micrometer itself) or
 * by the extension's health and endpoint auto-configurations; every
 * {@code MeterRegistry}, {@code MeterBinder}, {@code HealthContributor},
 * {@code ReactiveHealthContributor} and {@code @Endpoint} bean; and those a
 * {@link DeferredInitializationFilter} chooses. Never deferred: beans whose lazy
 * initialisation is set explicitly, bean post-processors, lifecycle beans, the extension's
 * observers and lifecycle participants, and beans with {@code @TelemetryListener} methods,
 * which the subscription needs. Spring Boot's {@code LazyInitializationExcludeFilter}s do
 * not apply: they keep beans from never being created, and every deferred bean is created.
 *
 * @since 0.2.0
 */
public class DeferredInitializationBeanFactoryPostProcessor implements BeanFactoryPostProcessor, Ordered {

	/**
	 * Attribute set to {@code true} on the definition of every deferred bean.
	 */
	public static final String DEFERRED_ATTRIBUTE = DeferredInitializationBeanFactoryPostProcessor.class.getName()
			+ ".deferred";

	private static final String AOT_PROCESSING = "spring.aot.processing";

	private static final List<String> DECLARING_PACKAGES = List.of("org.springframework.boot.actuate.",
			"org.springframework.boot.health.", "org.springframework.boot.micrometer.", "io.micrometer.");

	private static final List<String> DECLARING_CLASSES = List.of(
			"dev.lambdaextension.autoconfigure.LambdaExtensionHealthContributorAutoConfiguration",
			"dev.lambdaextension.autoconfigure.LambdaExtensionEndpointAutoConfiguration");

	private static final List<String> DEFERRED_TYPES = List.of("io.micrometer.core.instrument.MeterRegistry",
			"io.micrometer.core.instrument.binder.MeterBinder",
			"org.springframework.boot.health.contributor.HealthContributor",
			"org.springframework.boot.health.contributor.ReactiveHealthContributor");

	private static final String ENDPOINT_ANNOTATION = "org.springframework.boot.actuate.endpoint.annotation.Endpoint";

	private static final List<Class<?>> NEVER_DEFERRED = List.of(BeanPostProcessor.class,
			BeanFactoryPostProcessor.class, Lifecycle.class, ExtensionObserver.class, TelemetryObserver.class,
			ExtensionLifecycleParticipant.class);

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (Boolean.getBoolean(AOT_PROCESSING)) {
			// Spring AOT's build-time refresh: generated code would keep the lazy flag without
			// the attribute, so the beans are marked when the application runs instead
			return;
		}
		ClassLoader classLoader = beanFactory.getBeanClassLoader();
		List<Class<?>> deferredTypes = present(DEFERRED_TYPES, classLoader);
		Class<? extends Annotation> endpoint = endpointAnnotation(classLoader);
		Collection<DeferredInitializationFilter> filters = beanFactory
			.getBeansOfType(DeferredInitializationFilter.class, false, false)
			.values();
		for (String name : beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = beanFactory.getBeanDefinition(name);
			if (!isCandidate(definition)) {
				continue;
			}
			boolean declared = isDeclaredByDeferredConfiguration(definition);
			if (!declared && deferredTypes.isEmpty() && endpoint == null && filters.isEmpty()) {
				continue;
			}
			Class<?> type = beanFactory.getType(name, false);
			if (type == null) {
				continue;
			}
			boolean deferred = declared || isOfDeferredType(type, deferredTypes, endpoint)
					|| filters.stream().anyMatch((filter) -> filter.isDeferred(name, definition, type));
			if (deferred && !isNeverDeferred(type)) {
				definition.setLazyInit(true);
				definition.setAttribute(DEFERRED_ATTRIBUTE, Boolean.TRUE);
			}
		}
	}

	private static boolean isCandidate(BeanDefinition definition) {
		if (definition instanceof AbstractBeanDefinition abstractDefinition
				&& (abstractDefinition.getLazyInit() != null || abstractDefinition.isAbstract())) {
			return false;
		}
		return definition.isSingleton();
	}

	private static boolean isDeclaredByDeferredConfiguration(BeanDefinition definition) {
		String declaringClass = definition.getBeanClassName();
		if (definition instanceof AnnotatedBeanDefinition annotated) {
			MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
			if (factoryMethod != null) {
				declaringClass = factoryMethod.getDeclaringClassName();
			}
		}
		if (declaringClass == null) {
			return false;
		}
		String declarer = declaringClass;
		return DECLARING_CLASSES.contains(declarer) || DECLARING_PACKAGES.stream().anyMatch(declarer::startsWith);
	}

	private static boolean isNeverDeferred(Class<?> type) {
		return NEVER_DEFERRED.stream().anyMatch((never) -> never.isAssignableFrom(type))
				|| TelemetryListenerAnnotationBeanPostProcessor.hasListenerMethods(type);
	}

	private static boolean isOfDeferredType(Class<?> type, List<Class<?>> deferredTypes,
			@Nullable Class<? extends Annotation> endpoint) {
		return deferredTypes.stream().anyMatch((deferred) -> deferred.isAssignableFrom(type))
				|| (endpoint != null && MergedAnnotations.from(type, SearchStrategy.TYPE_HIERARCHY).isPresent(endpoint));
	}

	private static List<Class<?>> present(List<String> names, @Nullable ClassLoader classLoader) {
		List<Class<?>> types = new ArrayList<>();
		for (String name : names) {
			if (ClassUtils.isPresent(name, classLoader)) {
				types.add(ClassUtils.resolveClassName(name, classLoader));
			}
		}
		return types;
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Class<? extends Annotation> endpointAnnotation(@Nullable ClassLoader classLoader) {
		return ClassUtils.isPresent(ENDPOINT_ANNOTATION, classLoader)
				? (Class<? extends Annotation>) ClassUtils.resolveClassName(ENDPOINT_ANNOTATION, classLoader) : null;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
