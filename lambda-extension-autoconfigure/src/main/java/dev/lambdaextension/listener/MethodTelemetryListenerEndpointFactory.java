package dev.lambdaextension.listener;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.lambdaextension.telemetry.TelemetryListener;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.util.StringUtils;

/**
 * Builds a {@link MethodTelemetryListenerEndpoint} from a {@link TelemetryListener}
 * annotation: resolves placeholders in its attributes, generates missing ids and picks
 * the method to invoke on a proxy.
 */
final class MethodTelemetryListenerEndpointFactory {

	static final String GENERATED_ID_PREFIX = "dev.lambdaextension.telemetryListener#";

	private final AtomicInteger counter = new AtomicInteger();

	private @Nullable BeanFactory beanFactory;

	private TelemetryListenerConditionEvaluator conditions = new TelemetryListenerConditionEvaluator();

	void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
		this.conditions = new TelemetryListenerConditionEvaluator(beanFactory);
	}

	MethodTelemetryListenerEndpoint create(TelemetryListener annotation, Method method, Object bean,
			String beanName) {
		Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		String id = resolve(annotation.id());
		if (!StringUtils.hasText(id)) {
			id = GENERATED_ID_PREFIX + this.counter.getAndIncrement();
		}
		List<String> types = new ArrayList<>();
		for (String type : annotation.types()) {
			for (String resolved : StringUtils.commaDelimitedListToStringArray(resolve(type))) {
				types.add(resolved.trim());
			}
		}
		if (annotation.types().length > 0 && types.isEmpty()) {
			types.add("");
		}
		MethodTelemetryListenerEndpoint endpoint = new MethodTelemetryListenerEndpoint(id, beanName, bean, invocable,
				types, resolve(annotation.errorHandler()));
		endpoint.setAutoStartup(autoStartup(resolve(annotation.autoStartup()), endpoint));
		if (StringUtils.hasText(annotation.condition())) {
			endpoint.setCondition(this.conditions.parse("@TelemetryListener method '" + endpoint.getDescription() + "'",
					annotation.condition()));
		}
		endpoint.setAsync(annotation.async(), annotation.queueCapacity());
		return endpoint;
	}

	private static boolean autoStartup(String value, MethodTelemetryListenerEndpoint endpoint) {
		String trimmed = value.trim();
		if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("true")) {
			return true;
		}
		if (trimmed.equalsIgnoreCase("false")) {
			return false;
		}
		throw new InvalidTelemetryListenerException("@TelemetryListener method '" + endpoint.getDescription()
				+ "' has autoStartup '" + value + "'; it must be true or false");
	}

	private String resolve(String value) {
		if (this.beanFactory instanceof ConfigurableBeanFactory configurable && StringUtils.hasText(value)) {
			String resolved = configurable.resolveEmbeddedValue(value);
			return (resolved != null) ? resolved : value;
		}
		return value;
	}

}
