package dev.lambdaextension.client;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * {@link ExtensionsApiClient} on the JDK HTTP client.
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
		HttpRequest.Builder request = this.http.request(BASE + "/register", false)
			.header(RuntimeApiHttp.EXTENSION_NAME, name)
			.header("Content-Type", "application/json")
			.POST(this.http.json(Map.of("events", events.stream().map(Enum::name).sorted().toList())));
		if (acceptAccountId) {
			request.header(RuntimeApiHttp.ACCEPT_FEATURE, "accountId");
		}
		HttpResponse<byte[]> response = this.http.send("register", request.build());
		if (response.statusCode() != 200) {
			throw this.http.error("register", response);
		}
		String extensionId = response.headers()
			.firstValue(RuntimeApiHttp.EXTENSION_IDENTIFIER)
			.orElseThrow(() -> new ExtensionsApiException("register", 200, "InvalidResponse",
					"no " + RuntimeApiHttp.EXTENSION_IDENTIFIER + " header"));
		JsonNode body = this.http.readBody("register", response);
		return new RegisterResponse(extensionId, RuntimeApiHttp.text(body, "functionName"),
				RuntimeApiHttp.text(body, "functionVersion"), RuntimeApiHttp.text(body, "handler"),
				RuntimeApiHttp.text(body, "accountId"));
	}

	@Override
	public NextEvent next(String extensionId) {
		HttpRequest request = this.http.request(BASE + "/event/next", true)
			.header(RuntimeApiHttp.EXTENSION_IDENTIFIER, extensionId)
			.GET()
			.build();
		HttpResponse<byte[]> response = this.http.send("next", request);
		if (response.statusCode() != 200) {
			throw this.http.error("next", response);
		}
		JsonNode body = this.http.readBody("next", response);
		String eventType = RuntimeApiHttp.text(body, "eventType");
		Instant deadline = Instant.ofEpochMilli(body.path("deadlineMs").asLong(0));
		if ("INVOKE".equalsIgnoreCase(eventType)) {
			String requestId = RuntimeApiHttp.text(body, "requestId");
			if (requestId == null) {
				throw new ExtensionsApiException("next", 200, "InvalidResponse", "INVOKE without requestId");
			}
			return new InvokeEvent(requestId, deadline, RuntimeApiHttp.text(body, "invokedFunctionArn"),
					RuntimeApiHttp.text(body.get("tracing"), "value"));
		}
		if ("SHUTDOWN".equalsIgnoreCase(eventType)) {
			return new ShutdownEvent(ShutdownReason.parse(RuntimeApiHttp.text(body, "shutdownReason")), deadline);
		}
		throw new ExtensionsApiException("next", 200, "InvalidResponse", "unknown eventType " + eventType);
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
		HttpRequest request = this.http.request(BASE + "/" + operation, false)
			.header(RuntimeApiHttp.EXTENSION_IDENTIFIER, extensionId)
			.header(RuntimeApiHttp.FUNCTION_ERROR_TYPE, error.errorType())
			.header("Content-Type", "application/json")
			.POST(this.http.json(Map.of("errorType", error.errorType(), "errorMessage", error.errorMessage())))
			.build();
		HttpResponse<byte[]> response = this.http.send(operation, request);
		if (response.statusCode() / 100 != 2) {
			throw this.http.error(operation, response);
		}
	}

}
