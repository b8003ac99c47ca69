package dev.lambdaextension.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP transport shared by the Extensions and Telemetry API clients: one JDK
 * {@link HttpClient} on HTTP/1.1, JSON bodies and error decoding.
 *
 * @since 0.1.0
 */
public final class RuntimeApiHttp {

	static final String EXTENSION_NAME = "Lambda-Extension-Name";

	static final String EXTENSION_IDENTIFIER = "Lambda-Extension-Identifier";

	static final String ACCEPT_FEATURE = "Lambda-Extension-Accept-Feature";

	static final String FUNCTION_ERROR_TYPE = "Lambda-Extension-Function-Error-Type";

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private final String runtimeApi;

	private final HttpClient httpClient;

	private final JsonMapper jsonMapper;

	private final Duration requestTimeout;

	/**
	 * Create a transport for the given runtime API address.
	 * @param runtimeApi the {@code host:port} from {@code AWS_LAMBDA_RUNTIME_API}
	 * @param jsonMapper the mapper for request and response bodies
	 * @param requestTimeout the read timeout of every call except the {@code next} long
	 * poll
	 */
	public RuntimeApiHttp(String runtimeApi, JsonMapper jsonMapper, Duration requestTimeout) {
		this.runtimeApi = runtimeApi;
		this.jsonMapper = jsonMapper;
		this.requestTimeout = requestTimeout;
		this.httpClient = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(CONNECT_TIMEOUT)
			.build();
	}

	/**
	 * Return the {@code host:port} this transport calls.
	 * @return the runtime API address
	 */
	public String getRuntimeApi() {
		return this.runtimeApi;
	}

	JsonMapper jsonMapper() {
		return this.jsonMapper;
	}

	HttpRequest.Builder request(String path, boolean longPoll) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + this.runtimeApi + path));
		if (!longPoll) {
			builder.timeout(this.requestTimeout);
		}
		return builder;
	}

	HttpRequest.BodyPublisher json(Object body) {
		return HttpRequest.BodyPublishers.ofByteArray(this.jsonMapper.writeValueAsBytes(body));
	}

	HttpResponse<byte[]> send(String operation, HttpRequest request) {
		try {
			return this.httpClient.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new ExtensionsApiException(operation, this.runtimeApi, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ExtensionsApiException(operation, this.runtimeApi, ex);
		}
	}

	JsonNode readBody(String operation, HttpResponse<byte[]> response) {
		try {
			return this.jsonMapper.readTree(response.body());
		}
		catch (JacksonException ex) {
			throw new ExtensionsApiException(operation, response.statusCode(), "InvalidResponse",
					"body is not JSON: " + ex.getOriginalMessage());
		}
	}

	ExtensionsApiException error(String operation, HttpResponse<byte[]> response) {
		String errorType = null;
		String errorMessage = null;
		try {
			JsonNode body = this.jsonMapper.readTree(response.body());
			errorType = text(body, "errorType");
			errorMessage = text(body, "errorMessage");
		}
		catch (JacksonException ex) {
			// not a JSON error body: the status alone describes the failure
		}
		return new ExtensionsApiException(operation, response.statusCode(), errorType, errorMessage);
	}

	static @Nullable String text(@Nullable JsonNode node, String field) {
		if (node == null) {
			return null;
		}
		JsonNode value = node.get(field);
		return (value != null && !value.isNull()) ? value.asString() : null;
	}

}
