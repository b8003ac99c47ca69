package dev.lambdaextension.test.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.json.JsonMapper;

/**
 * Raw HTTP client for the emulator, used by tests.
 */
public final class ApiClient {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	public ApiClient(String runtimeApi) {
		this.base = "http://" + runtimeApi;
	}

	public HttpResponse<String> register(String name, String body) {
		return send(request("/2020-01-01/extension/register").header("Lambda-Extension-Name", name)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	public String registerId(String name, String... events) {
		String list = String.join("\",\"", events);
		HttpResponse<String> response = register(name,
				(events.length == 0) ? "{\"events\":[]}" : "{\"events\":[\"" + list + "\"]}");
		if (response.statusCode() != 200) {
			throw new IllegalStateException("register failed: " + response.statusCode() + " " + response.body());
		}
		return response.headers().firstValue("Lambda-Extension-Identifier").orElseThrow();
	}

	public CompletableFuture<HttpResponse<String>> next(String id) {
		return this.client.sendAsync(request("/2020-01-01/extension/event/next").header("Lambda-Extension-Identifier", id)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	public CompletableFuture<HttpResponse<String>> runtimeNext() {
		return this.client.sendAsync(request("/2018-06-01/runtime/invocation/next").GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	public HttpResponse<String> runtimePost(String path, String errorType, String body) {
		HttpRequest.Builder builder = request("/2018-06-01/runtime/" + path)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (errorType != null) {
			builder.header("Lambda-Runtime-Function-Error-Type", errorType);
		}
		return send(builder.build());
	}

	public HttpResponse<String> nextWithoutId() {
		return send(request("/2020-01-01/extension/event/next").GET().build());
	}

	public HttpResponse<String> error(String kind, String id, String errorType, String body) {
		HttpRequest.Builder builder = request("/2020-01-01/extension/" + kind + "/error")
			.header("Lambda-Extension-Identifier", id)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (errorType != null) {
			builder.header("Lambda-Extension-Function-Error-Type", errorType);
		}
		return send(builder.build());
	}

	public HttpResponse<String> subscribe(String path, String id, String body) {
		HttpRequest.Builder builder = request(path).PUT(HttpRequest.BodyPublishers.ofString(body));
		if (id != null) {
			builder.header("Lambda-Extension-Identifier", id);
		}
		return send(builder.build());
	}

	public HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json");
	}

	@SuppressWarnings("unchecked")
	public static Map<String, Object> json(String body) {
		return MAPPER.readValue(body, Map.class);
	}

	@SuppressWarnings("unchecked")
	public static java.util.List<Map<String, Object>> jsonArray(String body) {
		return MAPPER.readValue(body, java.util.List.class);
	}

}
