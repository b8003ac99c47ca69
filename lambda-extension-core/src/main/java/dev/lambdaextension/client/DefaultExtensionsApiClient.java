package dev.lambdaextension.client;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/**
 * {@link ExtensionsApiClient} on {@link RuntimeApiHttp}.
 *
 * @since 0.1.0
 */
public class DefaultExtensionsApiClient implements ExtensionsApiClient {

	private static final String BASE = "/2020-01-01/extension";

	private final RuntimeApiHttp http;

	/**
	 * Create a client.
	 * @param http the transport
	 */
	public DefaultExtensionsApiClient(RuntimeApiHttp http) {
		this.http = http;
	}

	@Override
	public RegisterResponse register(String name, Set<LifecycleEventType> events, boolean acceptAccountId) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(RuntimeApiHttp.EXTENSION_NAME, name);
		if (acceptAccountId) {
			headers.put(RuntimeApiHttp.ACCEPT_FEATURE, "accountId");
		}
		String eventList = events.stream()
			.map(Enum::name)
			.sorted()
			.collect(Collectors.joining("\",\"", "{\"events\":[\"", "\"]}"));
		RuntimeApiHttp.Response response = this.http.call("register", "POST", BASE + "/register", headers,
				new RuntimeApiHttp.JsonText(events.isEmpty() ? "{\"events\":[]}" : eventList), false);
		if (response.status() != 200) {
			throw this.http.error("register", response);
		}
		if (response.extensionId() == null) {
			throw new ExtensionsApiException("register", 200, "InvalidResponse",
					"no " + RuntimeApiHttp.EXTENSION_IDENTIFIER + " header");
		}
		JsonNode body = this.http.readBody("register", response);
		return new RegisterResponse(response.extensionId(), RuntimeApiHttp.text(body, "functionName"),
				RuntimeApiHttp.text(body, "functionVersion"), RuntimeApiHttp.text(body, "handler"),
				RuntimeApiHttp.text(body, "accountId"));
	}

	@Override
	public NextEvent next(String extensionId) {
		RuntimeApiHttp.Response response = this.http.call("next", "GET", BASE + "/event/next",
				Map.of(RuntimeApiHttp.EXTENSION_IDENTIFIER, extensionId), null, true);
		if (response.status() != 200) {
			throw this.http.error("next", response);
		}
		JsonNode body;
		try {
			body = this.http.readBody("next", response);
		}
		catch (ExtensionsApiException ex) {
			return UnreadableEventBody.salvage(response.body(), Instant.now());
		}
		String eventType = RuntimeApiHttp.text(body, "eventType");
		Instant deadline = Instant.ofEpochMilli(body.path("deadlineMs").asLong(0));
		if ("INVOKE".equalsIgnoreCase(eventType)) {
			String requestId = RuntimeApiHttp.text(body, "requestId");
			if (requestId == null) {
				return new UnrecognizedEvent(eventType, "INVOKE without requestId", deadline);
			}
			return new InvokeEvent(requestId, deadline, RuntimeApiHttp.text(body, "invokedFunctionArn"),
					RuntimeApiHttp.text(body.get("tracing"), "value"));
		}
		if ("SHUTDOWN".equalsIgnoreCase(eventType)) {
			return new ShutdownEvent(ShutdownReason.parse(RuntimeApiHttp.text(body, "shutdownReason")), deadline);
		}
		return new UnrecognizedEvent(eventType, (eventType != null) ? "unknown eventType" : "no eventType", deadline);
	}

	@Override
	public void initError(String extensionId, ExtensionError error) {
		reportError("init/error", extensionId, error);
	}

	@Override
	public void exitError(String extensionId, ExtensionError error) {
		reportError("exit/error", extensionId, error);
	}

	private void reportError(String operation, String extensionId, ExtensionError error) {
		RuntimeApiHttp.Response response = this.http.call(operation, "POST", BASE + "/" + operation,
				Map.of(RuntimeApiHttp.EXTENSION_IDENTIFIER, extensionId, RuntimeApiHttp.FUNCTION_ERROR_TYPE,
						error.errorType()),
				Map.of("errorType", error.errorType(), "errorMessage", error.errorMessage()), false);
		if (response.status() / 100 != 2) {
			throw this.http.error(operation, response);
		}
	}

	@Override
	public void abortCalls() {
		this.http.abortCalls();
	}

}
