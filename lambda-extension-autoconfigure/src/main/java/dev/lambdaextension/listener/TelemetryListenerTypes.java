package dev.lambdaextension.listener;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.lambdaextension.telemetry.TelemetryTypes;
import org.jspecify.annotations.Nullable;

/**
 * Matching and validation of the event type names a listener declares: the types and
 * streams {@link TelemetryTypes} knows, and the platform types configured in addition.
 */
final class TelemetryListenerTypes {

	static final String ADDITIONAL_TYPES_PROPERTY = "lambda.extension.telemetry.additional-types";

	private TelemetryListenerTypes() {
	}

	/**
	 * Return whether an event type is among the declared ones: by name, or by the name of
	 * its stream.
	 * @param declared the declared types, empty for every type
	 * @param type the event's type
	 * @return whether the event type matches
	 */
	static boolean matches(Set<String> declared, String type) {
		return declared.isEmpty() || declared.contains(type) || declared.contains(TelemetryTypes.streamOf(type));
	}

	/**
	 * Return the message for a declared type that is neither known nor additional, or
	 * {@code null} if the type is valid.
	 * @param subject who declares the type, for example
	 * {@code @TelemetryListener method 'orders.onEvent(TelemetryEvent)'}
	 * @param type the declared type
	 * @param additionalTypes the platform types accepted in addition to the known ones
	 * @return the message, or {@code null}
	 */
	static @Nullable String unknownTypeMessage(String subject, String type, Collection<String> additionalTypes) {
		if (TelemetryTypes.knownNames().contains(type) || additionalTypes.contains(type)) {
			return null;
		}
		Set<String> candidates = new LinkedHashSet<>(TelemetryTypes.knownNames());
		candidates.addAll(additionalTypes);
		String message = subject + " declares unknown event type '" + type + "'";
		String closest = TelemetryTypes.closestMatch(type, candidates);
		if (closest != null) {
			return message + " (did you mean '" + closest + "'?)";
		}
		if (TelemetryTypes.isPlatformType(type)) {
			return message + "; if Lambda sends it, add it to '" + ADDITIONAL_TYPES_PROPERTY + "'";
		}
		return message + "; known types are " + candidates;
	}

	/**
	 * Return how messages name a listener: the bean and method of an annotated one, the
	 * id of one registered in code.
	 * @param endpoint the listener
	 * @return the subject of a message
	 */
	static String subject(TelemetryListenerEndpoint endpoint) {
		if (endpoint instanceof MethodTelemetryListenerEndpoint method) {
			return "@TelemetryListener method '" + method.getDescription() + "'";
		}
		if (endpoint instanceof SimpleTelemetryListenerEndpoint) {
			return "Telemetry listener '" + endpoint.getId() + "'";
		}
		return "Telemetry listener '" + endpoint.getId() + "' (" + endpoint.getDescription() + ")";
	}

}
