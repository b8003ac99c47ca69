package dev.lambdaextension.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;

/**
 * Collects {@link TelemetryListenerEndpoint endpoints} during startup, those of
 * {@code @TelemetryListener} methods and those that {@link TelemetryListenerConfigurer}s
 * add, and once every singleton exists registers them in the
 * {@link TelemetryListenerRegistry} with their error handlers: the bean a method names,
 * or the one given with the endpoint.
 *
 * @since 0.1.0
 */
public class TelemetryListenerEndpointRegistrar {

	private final List<PendingEndpoint> endpoints = new ArrayList<>();

	private @Nullable BeanFactory beanFactory;

	private @Nullable TelemetryListenerRegistry registry;

	private boolean registered;

	/**
	 * Set the bean factory used to find the registry and error handler beans.
	 * @param beanFactory the bean factory
	 */
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	/**
	 * Set the registry explicitly instead of looking it up in the bean factory.
	 * @param registry the registry
	 */
	public void setRegistry(TelemetryListenerRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Add an endpoint, with the error handler bean a {@code @TelemetryListener} method
	 * names or else the default; registered at once when registration already happened.
	 * @param endpoint the endpoint
	 */
	public void registerEndpoint(TelemetryListenerEndpoint endpoint) {
		registerEndpoint(endpoint, null);
	}

	/**
	 * Add an endpoint with its own error handler; registered at once when registration
	 * already happened.
	 * @param endpoint the endpoint
	 * @param errorHandler the error handler, or {@code null} for the one a
	 * {@code @TelemetryListener} method names, else the default
	 */
	public synchronized void registerEndpoint(TelemetryListenerEndpoint endpoint,
			@Nullable TelemetryListenerErrorHandler errorHandler) {
		Objects.requireNonNull(endpoint, "'endpoint' must not be null");
		PendingEndpoint pending = new PendingEndpoint(endpoint, errorHandler);
		if (this.registered) {
			register(pending);
		}
		else {
			this.endpoints.add(pending);
		}
	}

	/**
	 * Register every collected endpoint.
	 * @throws IllegalStateException if no registry is available or an error handler bean
	 * is missing
	 */
	public synchronized void registerAllEndpoints() {
		this.registered = true;
		for (PendingEndpoint pending : this.endpoints) {
			register(pending);
		}
		this.endpoints.clear();
	}

	private void register(PendingEndpoint pending) {
		TelemetryListenerErrorHandler errorHandler = pending.errorHandler();
		if (errorHandler == null && pending.endpoint() instanceof MethodTelemetryListenerEndpoint method) {
			errorHandler = resolveErrorHandler(method);
		}
		resolveRegistry().register(pending.endpoint(), errorHandler);
	}

	private TelemetryListenerRegistry resolveRegistry() {
		if (this.registry == null) {
			if (this.beanFactory == null) {
				throw new IllegalStateException("No TelemetryListenerRegistry set and no BeanFactory to find one");
			}
			try {
				this.registry = this.beanFactory.getBean(TelemetryListenerRegistry.class);
			}
			catch (BeansException ex) {
				throw new IllegalStateException(
						"@TelemetryListener methods need a TelemetryListenerRegistry bean, but none is available", ex);
			}
		}
		return this.registry;
	}

	private @Nullable TelemetryListenerErrorHandler resolveErrorHandler(MethodTelemetryListenerEndpoint endpoint) {
		String name = endpoint.getErrorHandlerBeanName();
		if (name == null) {
			return null;
		}
		if (this.beanFactory == null) {
			throw new IllegalStateException("No BeanFactory to find error handler '" + name + "' of " + endpoint);
		}
		try {
			return this.beanFactory.getBean(name, TelemetryListenerErrorHandler.class);
		}
		catch (BeansException ex) {
			throw new InvalidTelemetryListenerException("@TelemetryListener method '" + endpoint.getDescription()
					+ "' names error handler '" + name + "', but there is no TelemetryListenerErrorHandler bean "
					+ "with that name", ex);
		}
	}

	private record PendingEndpoint(TelemetryListenerEndpoint endpoint,
			@Nullable TelemetryListenerErrorHandler errorHandler) {

	}

}
