package dev.lambdaextension.autoconfigure;

import java.util.Arrays;
import java.util.Set;

import dev.lambdaextension.client.ExtensionsApiClient;
import dev.lambdaextension.client.LifecycleEventType;
import dev.lambdaextension.lifecycle.ExtensionRegistration;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.StringUtils;

/**
 * What a registration is made of: where, under which name, for which events.
 *
 * @param runtimeApi the runtime API address
 * @param name the extension name
 * @param events the events to register for
 * @param acceptAccountId whether to ask for the account id
 * @param internal whether the extension is an internal one, inside the function's JVM
 */
record RegistrationRequest(String runtimeApi, String name, Set<LifecycleEventType> events, boolean acceptAccountId,
		boolean internal) {

	/**
	 * Build the request the settings ask for.
	 * @param properties the {@code lambda.extension.*} settings, bound from the environment
	 * @param environment the environment, for what Lambda sets ({@code AWS_LAMBDA_RUNTIME_API},
	 * {@code AWS_LAMBDA_INITIALIZATION_TYPE}) and the fallback name
	 * @return the request
	 * @throws IllegalStateException if the address or the name is missing, or the events are
	 * refused in this environment
	 */
	static RegistrationRequest of(LambdaExtensionProperties properties, Environment environment) {
		ExecutionMode mode = ExecutionMode.of(properties, environment);
		String name = mode.isInternal()
				? ExtensionNameResolver.resolveInternal(properties.getName(), environment,
						ExtensionNameResolver.EXTERNAL_EXTENSIONS)
				: ExtensionNameResolver.resolve(properties.getName(), environment);
		return new RegistrationRequest(LambdaRuntimeApiAddress.require(environment), name,
				mode.events(properties.getEvents()), properties.isAcceptAccountId(), mode.isInternal());
	}

	/**
	 * Start registering as this request says.
	 * @param client the client
	 * @return the registration in progress
	 */
	ExtensionRegistration start(ExtensionsApiClient client) {
		return this.internal ? ExtensionRegistration.startInternal(client, this.name, this.events, this.acceptAccountId)
				: ExtensionRegistration.start(client, this.name, this.events, this.acceptAccountId);
	}

	/**
	 * Build a request from JVM system properties and environment variables alone, before
	 * Spring Boot reads any configuration file: possible when the launcher passes
	 * {@code -Dlambda.extension.name} and Lambda sets {@code AWS_LAMBDA_RUNTIME_API}. The
	 * settings are bound as the context binds them, from the two property sources the
	 * application environment starts with, so {@code LAMBDA_EXTENSION_EVENTS} counts as much
	 * as {@code -Dlambda.extension.events}.
	 * @return the request, or {@code null} when they are not both there, a setting turns the
	 * extension or early registration off, or a setting is invalid (the context binds it
	 * again and reports it)
	 */
	static @Nullable RegistrationRequest fromSystem() {
		StandardEnvironment system = new StandardEnvironment();
		try {
			LambdaExtensionProperties properties = LambdaExtensionProperties.bind(system);
			if (!properties.isEnabled() || !properties.isEarlyRegistration() || !StringUtils.hasText(properties.getName())
					|| LambdaRuntimeApiAddress.find(system) == null) {
				return null;
			}
			return of(properties, system);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Return the first setting in which this request differs from another.
	 * @param other the other request
	 * @return the property name, or {@code null} when they agree
	 */
	@Nullable String firstDifference(RegistrationRequest other) {
		if (!this.runtimeApi.equals(other.runtimeApi)) {
			return LambdaRuntimeApiAddress.PROPERTY;
		}
		if (!this.name.equals(other.name)) {
			return "lambda.extension.name";
		}
		if (!this.events.equals(other.events)) {
			return "lambda.extension.events";
		}
		if (this.internal != other.internal) {
			return "lambda.extension.mode";
		}
		return (this.acceptAccountId != other.acceptAccountId) ? "lambda.extension.accept-account-id" : null;
	}

	@Override
	public String toString() {
		return (this.internal ? "internal '" : "'") + this.name + "' at " + this.runtimeApi + " for "
				+ Arrays.toString(this.events.toArray());
	}

}
