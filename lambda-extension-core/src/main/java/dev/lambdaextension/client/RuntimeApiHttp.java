package dev.lambdaextension.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP/1.1 transport shared by the Extensions and Telemetry API clients: JSON bodies,
 * error decoding, and a way to abort calls in progress.
 * <p>
 * It uses {@link HttpURLConnection} rather than {@code java.net.http.HttpClient}: on a
 * cold JVM the first call costs about 30 ms instead of about 300 ms (see
 * docs/performance.md), and start-up time is the function's cold start. Connections are
 * direct, never through a proxy, and kept alive between calls.
 *
 * @since 0.1.0
 */
public final class RuntimeApiHttp {

	static final String EXTENSION_NAME = "Lambda-Extension-Name";

	static final String EXTENSION_IDENTIFIER = "Lambda-Extension-Identifier";

	static final String ACCEPT_FEATURE = "Lambda-Extension-Accept-Feature";

	static final String FUNCTION_ERROR_TYPE = "Lambda-Extension-Function-Error-Type";

	private static final int CONNECT_TIMEOUT_MS = 2_000;

	private final String runtimeApi;

	private volatile @Nullable JsonMapper jsonMapper;

	private final Duration requestTimeout;

	private final Set<HttpURLConnection> inFlight = ConcurrentHashMap.newKeySet();

	private final Set<HttpURLConnection> aborted = ConcurrentHashMap.newKeySet();

	/**
	 * Create a transport for the given runtime API address.
	 * @param runtimeApi the {@code host:port} from {@code AWS_LAMBDA_RUNTIME_API}
	 * @param jsonMapper the mapper for request and response bodies
	 * @param requestTimeout the read timeout of every call except the {@code next} long
	 * poll, which has none
	 */
	public RuntimeApiHttp(String runtimeApi, JsonMapper jsonMapper, Duration requestTimeout) {
		this.runtimeApi = runtimeApi;
		this.jsonMapper = jsonMapper;
		this.requestTimeout = requestTimeout;
	}

	/**
	 * Create a transport that uses {@link JsonMapper#shared()}, created only when a body
	 * first needs it: the register call, whose body is written by hand, leaves before
	 * Jackson's databind classes load.
	 * @param runtimeApi the {@code host:port} from {@code AWS_LAMBDA_RUNTIME_API}
	 * @param requestTimeout the read timeout of every call except the {@code next} long
	 * poll, which has none
	 */
	public RuntimeApiHttp(String runtimeApi, Duration requestTimeout) {
		this.runtimeApi = runtimeApi;
		this.requestTimeout = requestTimeout;
	}

	private JsonMapper jsonMapper() {
		JsonMapper mapper = this.jsonMapper;
		if (mapper == null) {
			mapper = JsonMapper.shared();
			this.jsonMapper = mapper;
		}
		return mapper;
	}

	/**
	 * Return the {@code host:port} this transport calls.
	 * @return the runtime API address
	 */
	public String getRuntimeApi() {
		return this.runtimeApi;
	}

	/**
	 * Abort every call in progress, such as a parked {@code event/next}: each fails with an
	 * {@link ExtensionsApiException}. Used when the extension stops.
	 */
	public void abortCalls() {
		for (HttpURLConnection connection : this.inFlight) {
			this.aborted.add(connection);
			connection.disconnect();
		}
	}

	Response call(String operation, String method, String path, Map<String, String> headers,
			@Nullable Object jsonBody, boolean longPoll) {
		HttpURLConnection connection = null;
		try {
			connection = (HttpURLConnection) new URL("http://" + this.runtimeApi + path).openConnection(Proxy.NO_PROXY);
			this.inFlight.add(connection);
			connection.setRequestMethod(method);
			connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
			connection.setReadTimeout(longPoll ? 0 : (int) Math.min(Integer.MAX_VALUE, this.requestTimeout.toMillis()));
			connection.setUseCaches(false);
			headers.forEach(connection::setRequestProperty);
			if (jsonBody != null) {
				byte[] body = (jsonBody instanceof JsonText text) ? text.json().getBytes(StandardCharsets.UTF_8)
						: jsonMapper().writeValueAsBytes(jsonBody);
				connection.setRequestProperty("Content-Type", "application/json");
				connection.setDoOutput(true);
				connection.setFixedLengthStreamingMode(body.length);
				try (OutputStream out = connection.getOutputStream()) {
					out.write(body);
				}
			}
			int status = connection.getResponseCode();
			String extensionId = connection.getHeaderField(EXTENSION_IDENTIFIER);
			return new Response(status, extensionId, readBody(connection, status));
		}
		catch (IOException ex) {
			throw new ExtensionsApiException(operation, this.runtimeApi, ex);
		}
		catch (RuntimeException ex) {
			// disconnect() from another thread can leave HttpURLConnection failing with any exception
			if (connection != null && this.aborted.contains(connection)) {
				throw new ExtensionsApiException(operation, this.runtimeApi, new IOException("Call aborted", ex));
			}
			throw ex;
		}
		finally {
			if (connection != null) {
				this.inFlight.remove(connection);
				this.aborted.remove(connection);
			}
		}
	}

	private static byte[] readBody(HttpURLConnection connection, int status) throws IOException {
		try (InputStream in = (status < 400) ? connection.getInputStream() : connection.getErrorStream()) {
			return (in != null) ? in.readAllBytes() : new byte[0];
		}
	}

	JsonNode readBody(String operation, Response response) {
		try {
			return jsonMapper().readTree(response.body());
		}
		catch (JacksonException ex) {
			throw new ExtensionsApiException(operation, response.status(), "InvalidResponse",
					"body is not JSON: " + ex.getOriginalMessage());
		}
	}

	ExtensionsApiException error(String operation, Response response) {
		String errorType = null;
		String errorMessage = null;
		try {
			JsonNode body = jsonMapper().readTree(response.body());
			errorType = text(body, "errorType");
			errorMessage = text(body, "errorMessage");
		}
		catch (JacksonException ex) {
			// not a JSON error body: the status alone describes the failure
		}
		return new ExtensionsApiException(operation, response.status(), errorType, errorMessage);
	}

	static @Nullable String text(@Nullable JsonNode node, String field) {
		if (node == null) {
			return null;
		}
		JsonNode value = node.get(field);
		return (value != null && !value.isNull()) ? value.asString() : null;
	}

	/**
	 * A request body that is already JSON.
	 *
	 * @param json the JSON text
	 */
	record JsonText(String json) {
	}

	/**
	 * An answer of the runtime API.
	 *
	 * @param status the HTTP status
	 * @param extensionId the {@code Lambda-Extension-Identifier} header, if any
	 * @param body the body, empty when there is none
	 */
	record Response(int status, @Nullable String extensionId, byte[] body) {
	}

}
