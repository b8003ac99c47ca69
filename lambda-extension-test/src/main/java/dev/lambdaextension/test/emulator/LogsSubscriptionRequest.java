package dev.lambdaextension.test.emulator;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Validates the body of a Logs API subscription ({@code PUT /2020-08-15/logs}): {@code schemaVersion} optional
 * ({@code 2020-08-15} by default, or {@code 2021-03-18}), {@code types} required, {@code destination} required
 * (HTTP with a sandbox {@code URI} and an optional {@code method} {@code POST} or {@code PUT}, or TCP with a
 * {@code port}), {@code buffering} optional with Lambda's defaults for each missing field.
 */
final class LogsSubscriptionRequest {

	static final List<String> SCHEMA_VERSIONS = List.of("2020-08-15", "2021-03-18");

	static final List<String> METHODS = List.of("POST", "PUT");

	private LogsSubscriptionRequest() {
	}

	/**
	 * Validate a request body.
	 * @param extensionName the subscribing extension
	 * @param body the body
	 * @param errors where problems are added, each a sentence for {@code Logs.ValidationError}
	 * @return the subscription, or {@code null} when {@code errors} is not empty
	 */
	static @Nullable EmulatedTelemetrySubscription parse(String extensionName, String body, List<String> errors) {
		Map<String, Object> json = Json.readObject(body);
		if (json == null) {
			errors.add("Request body is not a valid JSON object");
			return null;
		}
		Object schemaNode = json.getOrDefault("schemaVersion", "2020-08-15");
		String schemaVersion = (schemaNode instanceof String text && SCHEMA_VERSIONS.contains(text)) ? text : null;
		if (schemaVersion == null) {
			errors.add("schemaVersion must be one of " + SCHEMA_VERSIONS);
		}
		List<String> types = types(json.get("types"), errors);
		String method = "POST";
		String destinationUri = null;
		URI deliveryUri = null;
		if (!(json.get("destination") instanceof Map<?, ?> destination)) {
			errors.add("destination is required");
		}
		else if ("TCP".equals(destination.get("protocol"))) {
			destinationUri = String.valueOf(destination.get("port"));
			deliveryUri = EmulatedTelemetryApi.tcpDestination(destination.get("port"), errors);
		}
		else if (!"HTTP".equals(destination.get("protocol"))) {
			errors.add("destination protocol must be HTTP or TCP");
		}
		else {
			Object methodNode = destination.get("method");
			if (methodNode != null && !METHODS.contains(methodNode)) {
				errors.add("destination method must be POST or PUT");
			}
			else if (methodNode != null) {
				method = (String) methodNode;
			}
			if (destination.get("encoding") != null && !"JSON".equals(destination.get("encoding"))) {
				errors.add("destination encoding must be JSON");
			}
			if (destination.get("URI") instanceof String uri) {
				destinationUri = uri;
				deliveryUri = EmulatedTelemetryApi.validateUri(uri, errors);
			}
			else {
				errors.add("URI is not provided");
			}
		}
		int maxItems = 10000;
		int maxBytes = 262144;
		int timeoutMs = 1000;
		Object buffering = json.get("buffering");
		if (buffering != null && !(buffering instanceof Map)) {
			errors.add("buffering must be an object");
		}
		else if (buffering instanceof Map<?, ?> limits) {
			maxItems = EmulatedTelemetryApi.bounded(limits, "maxItems", 1000, 10000, maxItems, errors);
			maxBytes = EmulatedTelemetryApi.bounded(limits, "maxBytes", 262144, 1048576, maxBytes, errors);
			timeoutMs = EmulatedTelemetryApi.bounded(limits, "timeoutMs", 25, 30000, timeoutMs, errors);
		}
		if (!errors.isEmpty() || schemaVersion == null || destinationUri == null || deliveryUri == null) {
			return null;
		}
		return new EmulatedTelemetrySubscription(extensionName, schemaVersion, types, maxItems, maxBytes, timeoutMs,
				destinationUri, deliveryUri, body, Instant.now(), true, method);
	}

	private static List<String> types(@Nullable Object node, List<String> errors) {
		List<String> types = new ArrayList<>();
		if (!(node instanceof List<?> list) || list.isEmpty()) {
			errors.add("types should not be empty");
			return types;
		}
		for (Object type : list) {
			if (!(type instanceof String name) || !EmulatedTelemetryApi.TYPES.contains(name)) {
				errors.add("unknown type " + type);
			}
			else if (!types.contains(name)) {
				types.add(name);
			}
		}
		return types;
	}

}
