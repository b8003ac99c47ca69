package dev.lambdaextension.listener;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.lambdaextension.telemetry.LogRecord;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryTypes;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.OrderUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * A {@code @TelemetryListener} method on a bean. The signature is validated on creation:
 * the method takes exactly one parameter, either a {@link TelemetryEvent} (or a typed view
 * such as {@code PlatformReport}) to receive events one at a time, or a {@code List} of
 * them to receive each batch at once. The types received are the declared types (a
 * stream name such as {@code platform} standing for every type of its stream) if any,
 * else the type of the typed view, else every type; an event is delivered only if its
 * type matches and it is an instance of the parameter's element type. Declared types
 * that no typed view receives are checked against the known types when the
 * {@link TelemetryListenerRegistry} registers the endpoint.
 *
 * @since 0.1.0
 */
public class MethodTelemetryListenerEndpoint implements TelemetryListenerEndpoint {

	private static final Set<String> LOG_TYPES = Set.of(TelemetryTypes.FUNCTION, TelemetryTypes.EXTENSION);

	private final String id;

	private final String beanName;

	private final Object bean;

	private final Method method;

	private final Class<? extends TelemetryEvent> eventType;

	private final boolean batch;

	private final Set<String> types;

	private final @Nullable String errorHandlerBeanName;

	private boolean autoStartup = true;

	private @Nullable TelemetryListenerCondition condition;

	private boolean async;

	private int queueCapacity = 1024;

	private final String description;

	/**
	 * Create an endpoint and validate the method's signature.
	 * @param id the listener id
	 * @param beanName the name of the bean
	 * @param bean the bean, possibly a proxy
	 * @param method the method to invoke on the bean
	 * @param declaredTypes the declared event types; empty to derive them from the
	 * parameter
	 * @param errorHandlerBeanName the name of the error handler bean, or {@code null}
	 * for the default
	 * @throws IllegalStateException if the signature or the types are invalid
	 */
	public MethodTelemetryListenerEndpoint(String id, String beanName, Object bean, Method method,
			Collection<String> declaredTypes, @Nullable String errorHandlerBeanName) {
		this.id = id;
		this.beanName = beanName;
		this.bean = bean;
		this.method = method;
		this.description = beanName + "." + methodSignature(method);
		ResolvableType parameter = (method.getParameterCount() == 1) ? ResolvableType.forMethodParameter(method, 0)
				: ResolvableType.NONE;
		this.batch = List.class.equals(parameter.resolve());
		Class<?> element = this.batch ? parameter.getGeneric(0).resolve() : parameter.resolve();
		if (element == null || !TelemetryEvent.class.isAssignableFrom(element)) {
			throw new InvalidTelemetryListenerException("@TelemetryListener method '" + this.description
					+ "' must take one TelemetryEvent, a typed view of it, or a List of them");
		}
		this.eventType = element.asSubclass(TelemetryEvent.class);
		this.types = resolveTypes(declaredTypes);
		this.errorHandlerBeanName = StringUtils.hasText(errorHandlerBeanName) ? errorHandlerBeanName : null;
		ReflectionUtils.makeAccessible(method);
	}

	/**
	 * Return the order from {@code @Order} on the method, else from the bean
	 * ({@link Ordered} or {@code @Order} on its class), else last.
	 * @return the order
	 */
	@Override
	public int getOrder() {
		Integer order = OrderUtils.getOrder(this.method);
		if (order != null) {
			return order;
		}
		if (this.bean instanceof Ordered ordered) {
			return ordered.getOrder();
		}
		return OrderUtils.getOrder(AopUtils.getTargetClass(this.bean), Ordered.LOWEST_PRECEDENCE);
	}

	private Set<String> resolveTypes(Collection<String> declaredTypes) {
		Set<String> viewTypes = viewTypes(this.eventType);
		if (declaredTypes.isEmpty()) {
			return (viewTypes != null) ? viewTypes : Collections.emptySet();
		}
		Set<String> declared = new LinkedHashSet<>();
		for (String type : declaredTypes) {
			if (!StringUtils.hasText(type)) {
				throw new InvalidTelemetryListenerException(
						"@TelemetryListener method '" + this.description + "' declares an empty event type");
			}
			declared.add(type.trim());
		}
		if (viewTypes != null && !viewTypes.containsAll(declared)) {
			rejectMisspelledTypes(declared, viewTypes);
			Set<String> contradicting = new LinkedHashSet<>(declared);
			contradicting.removeAll(viewTypes);
			throw new InvalidTelemetryListenerException("@TelemetryListener method '" + this.description + "' declares types "
					+ contradicting + " that its parameter type " + this.eventType.getSimpleName()
					+ " never receives; it receives only " + viewTypes);
		}
		return Collections.unmodifiableSet(declared);
	}

	private void rejectMisspelledTypes(Set<String> declared, Set<String> viewTypes) {
		String subject = "@TelemetryListener method '" + this.description + "'";
		for (String type : declared) {
			if (!viewTypes.contains(type)
					&& TelemetryTypes.closestMatch(type, TelemetryTypes.knownNames()) != null) {
				String message = TelemetryListenerTypes.unknownTypeMessage(subject, type, Set.of());
				if (message != null) {
					throw new InvalidTelemetryListenerException(message);
				}
			}
		}
	}

	private static @Nullable Set<String> viewTypes(Class<? extends TelemetryEvent> eventType) {
		String type = TelemetryTypes.typeOf(eventType);
		if (type != null) {
			return Set.of(type);
		}
		if (LogRecord.class.isAssignableFrom(eventType)) {
			return LOG_TYPES;
		}
		return null;
	}

	private static String methodSignature(Method method) {
		return method.getName() + Arrays.stream(method.getParameterTypes())
			.map(Class::getSimpleName)
			.collect(Collectors.joining(", ", "(", ")"));
	}

	@Override
	public String getId() {
		return this.id;
	}

	/**
	 * Return the name of the bean declaring the method.
	 * @return the bean name
	 */
	public String getBeanName() {
		return this.beanName;
	}

	/**
	 * Return the method.
	 * @return the method
	 */
	public Method getMethod() {
		return this.method;
	}

	/**
	 * Return the bean and method, as {@code beanName.method(ParameterType)}.
	 * @return the description
	 */
	@Override
	public String getDescription() {
		return this.description;
	}

	/**
	 * Return the class each delivered event is an instance of: the parameter type, or
	 * the element type of a batch listener.
	 * @return the event type
	 */
	public Class<? extends TelemetryEvent> getEventType() {
		return this.eventType;
	}

	/**
	 * Return whether the method takes a {@code List} and receives whole batches.
	 * @return whether this is a batch listener
	 */
	@Override
	public boolean isBatch() {
		return this.batch;
	}

	@Override
	public Set<String> getTypes() {
		return this.types;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	/**
	 * Set whether the listener receives events as soon as it is registered; read once,
	 * at registration. Afterwards use {@link TelemetryListenerRegistry#start(String)} and
	 * {@link TelemetryListenerRegistry#stop(String)}.
	 * @param autoStartup {@code false} to register it stopped
	 */
	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	/**
	 * Set the condition an event must also satisfy to be delivered.
	 * @param condition the condition, or {@code null} for none
	 */
	public void setCondition(@Nullable TelemetryListenerCondition condition) {
		this.condition = condition;
	}

	@Override
	public boolean isAsync() {
		return this.async;
	}

	@Override
	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	/**
	 * Set whether the listener receives events on a thread of its own; read once, at
	 * registration.
	 * @param async whether the listener is asynchronous
	 * @param queueCapacity how many batches may wait, at least 1
	 */
	public void setAsync(boolean async, int queueCapacity) {
		if (queueCapacity < 1) {
			throw new InvalidTelemetryListenerException("@TelemetryListener method '" + this.description
					+ "' has queueCapacity " + queueCapacity + "; it must be at least 1");
		}
		this.async = async;
		this.queueCapacity = queueCapacity;
	}

	/**
	 * Return the name of the listener's own error handler bean.
	 * @return the bean name, or {@code null} for the default error handler
	 */
	public @Nullable String getErrorHandlerBeanName() {
		return this.errorHandlerBeanName;
	}

	/**
	 * Return whether an event is delivered to this listener.
	 * @param event the event
	 * @return whether its type matches, it is an instance of the event type and it
	 * satisfies the condition, if any
	 * @throws org.springframework.expression.EvaluationException if the condition fails
	 * on the event
	 */
	@Override
	public boolean accepts(TelemetryEvent event) {
		return TelemetryListenerTypes.matches(this.types, event.type()) && this.eventType.isInstance(event)
				&& (this.condition == null || this.condition.test(event));
	}

	/**
	 * Invoke the method with the events, or with the one event of a listener that takes
	 * events one at a time.
	 * @param events the accepted events
	 * @throws Exception what the method threw
	 */
	@Override
	public void onEvents(List<TelemetryEvent> events) throws Exception {
		try {
			this.method.invoke(this.bean, this.batch ? events : events.get(0));
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getTargetException();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	@Override
	public String toString() {
		return "@TelemetryListener '" + this.id + "' (" + this.description + ")";
	}

}
