package dev.lambdaextension.autoconfigure;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import dev.lambdaextension.client.LifecycleEventType;
import org.jspecify.annotations.Nullable;

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
	 * Build a request from JVM system properties and the environment alone, before Spring
	 * Boot reads any configuration file: possible when the launcher passes
	 * {@code -Dlambda.extension.name} and Lambda sets {@code AWS_LAMBDA_RUNTIME_API}.
	 * @return the request, or {@code null} when they are not both there or a system
	 * property turns the extension or early registration off
	 */
	static @Nullable RegistrationRequest fromSystem() {
		if ("false".equalsIgnoreCase(System.getProperty("lambda.extension.enabled"))
				|| "false".equalsIgnoreCase(System.getProperty("lambda.extension.early-registration"))) {
			return null;
		}
		String runtimeApi = System.getProperty(LambdaRuntimeApiAddress.PROPERTY,
				System.getenv(LambdaRuntimeApiAddress.ENVIRONMENT_VARIABLE));
		String name = System.getProperty("lambda.extension.name");
		if (isBlank(runtimeApi) || isBlank(name)) {
			return null;
		}
		String events = System.getProperty("lambda.extension.events");
		Set<LifecycleEventType> eventTypes = EnumSet.allOf(LifecycleEventType.class);
		if (events != null) {
			eventTypes = EnumSet.noneOf(LifecycleEventType.class);
			for (String event : events.split(",")) {
				if (!event.isBlank()) {
					eventTypes.add(LifecycleEventType.valueOf(event.trim().toUpperCase(Locale.ROOT)));
				}
			}
		}
		String acceptAccountId = System.getProperty("lambda.extension.accept-account-id", "true");
		return new RegistrationRequest(runtimeApi.trim(), name.trim(), eventTypes, Boolean.parseBoolean(acceptAccountId));
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

	private static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
