package dev.lambdaextension.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;

/**
 * Collects {@link MethodTelemetryListenerEndpoint endpoints} during startup and, once
 * every singleton exists, registers them in the {@link TelemetryListenerRegistry} with
 * the error handler beans they name.
 *
 * @since 0.1.0
 */
public class TelemetryListenerEndpointRegistrar {

	private final List<MethodTelemetryListenerEndpoint> endpoints = new ArrayList<>();

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
	 * Add an endpoint; registered at once when registration already happened.
	 * @param endpoint the endpoint
	 */
	public synchronized void registerEndpoint(MethodTelemetryListenerEndpoint endpoint) {
		Objects.requireNonNull(endpoint, "'endpoint' must not be null");
		if (this.registered) {
			register(endpoint);
		}
		else {
			this.endpoints.add(endpoint);
		}
	}

	/**
	 * Register every collected endpoint.
	 * @throws IllegalStateException if no registry is available or an error handler bean
	 * is missing
	 */
	public synchronized void registerAllEndpoints() {
		this.registered = true;
		for (MethodTelemetryListenerEndpoint endpoint : this.endpoints) {
			register(endpoint);
		}
		this.endpoints.clear();
	}

	private void register(MethodTelemetryListenerEndpoint endpoint) {
		resolveRegistry().register(endpoint, resolveErrorHandler(endpoint));
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
			throw new IllegalStateException("@TelemetryListener method '" + endpoint.getDescription()
					+ "' names error handler '" + name + "', but there is no TelemetryListenerErrorHandler bean "
					+ "with that name", ex);
		}
	}

}
