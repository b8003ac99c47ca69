package dev.lambdaextension.autoconfigure;

import java.util.Arrays;
import java.util.Set;

import dev.lambdaextension.client.LifecycleEventType;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.StandardEnvironment;

/**
 * What a registration is made of: where, under which name, for which events.
 *
 * @param runtimeApi the runtime API address
 * @param name the extension name
 * @param events the events to register for
 * @param acceptAccountId whether to ask for the account id
 */
record RegistrationRequest(String runtimeApi, String name, Set<LifecycleEventType> events, boolean acceptAccountId) {

	/**
	 * Build a request from JVM system properties and environment variables alone, before
	 * Spring Boot reads any configuration file: possible when the launcher passes
	 * {@code -Dlambda.extension.name} and Lambda sets {@code AWS_LAMBDA_RUNTIME_API}. The
	 * settings are read under their usual names from the same two property sources the
	 * application environment starts with, so {@code LAMBDA_EXTENSION_EVENTS} counts as
	 * much as {@code -Dlambda.extension.events}.
	 * @return the request, or {@code null} when they are not both there or a setting
	 * turns the extension or early registration off
	 */
	static @Nullable RegistrationRequest fromSystem() {
		StandardEnvironment system = new StandardEnvironment();
		if (!LambdaRuntimeApiAddress.isEnabled(system)
				|| "false".equalsIgnoreCase(system.getProperty("lambda.extension.early-registration"))) {
			return null;
		}
		String runtimeApi = LambdaRuntimeApiAddress.find(system);
		String name = system.getProperty("lambda.extension.name");
		if (runtimeApi == null || name == null || name.isBlank()) {
			return null;
		}
		Set<LifecycleEventType> events = ExecutionMode.of(system)
			.events(system.getProperty(ExecutionMode.EVENTS_PROPERTY));
		String acceptAccountId = system.getProperty("lambda.extension.accept-account-id", "true");
		return new RegistrationRequest(runtimeApi.trim(), name.trim(), events, Boolean.parseBoolean(acceptAccountId));
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
		return (this.acceptAccountId != other.acceptAccountId) ? "lambda.extension.accept-account-id" : null;
	}

	@Override
	public String toString() {
		return "'" + this.name + "' at " + this.runtimeApi + " for " + Arrays.toString(this.events.toArray());
	}

}
