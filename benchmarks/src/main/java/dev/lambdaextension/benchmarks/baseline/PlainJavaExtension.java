package dev.lambdaextension.benchmarks.baseline;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * Variant (c) of the start-up benchmark: the same job as the minimal starter extension
 * (register for INVOKE and SHUTDOWN, listen for telemetry, subscribe to every stream, loop
 * on {@code next}, exit on SHUTDOWN) with the JDK only: {@link HttpClient}, the JDK's
 * HTTP server and string search instead of a JSON library. The lower bound for a JVM
 * extension.
 */
public final class PlainJavaExtension {

	private static final String EXTENSIONS = "/2020-01-01/extension";

	private PlainJavaExtension() {
	}

	public static void main(String[] args) throws Exception {
		String api = System.getenv("AWS_LAMBDA_RUNTIME_API");
		String name = System.getProperty("lambda.extension.name", "plain-java-extension");
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		HttpResponse<String> registered = client.send(HttpRequest.newBuilder(URI.create("http://" + api + EXTENSIONS + "/register"))
			.header("Lambda-Extension-Name", name)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"events\":[\"INVOKE\",\"SHUTDOWN\"]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (registered.statusCode() != 200) {
			System.err.println("register failed: " + registered.statusCode() + " " + registered.body());
			System.exit(1);
		}
		String id = registered.headers().firstValue("Lambda-Extension-Identifier").orElseThrow();

		AtomicLong events = new AtomicLong();
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setExecutor(Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "telemetry");
			thread.setDaemon(true);
			return thread;
		}));
		server.createContext("/", (exchange) -> {
			try (InputStream in = exchange.getRequestBody()) {
				String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				events.addAndGet(count(body, "\"time\""));
			}
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		server.start();
		String subscription = "{\"schemaVersion\":\"2022-12-13\",\"types\":[\"platform\",\"function\",\"extension\"],"
				+ "\"buffering\":{\"maxItems\":1000,\"maxBytes\":262144,\"timeoutMs\":100},"
				+ "\"destination\":{\"protocol\":\"HTTP\",\"URI\":\"http://sandbox.localdomain:"
				+ server.getAddress().getPort() + "/\"}}";
		HttpResponse<String> subscribed = client.send(
				HttpRequest.newBuilder(URI.create("http://" + api + "/2022-07-01/telemetry"))
					.header("Lambda-Extension-Identifier", id)
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers.ofString(subscription))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		if (subscribed.statusCode() != 200) {
			System.err.println("subscribe failed: " + subscribed.statusCode() + " " + subscribed.body());
		}

		HttpRequest next = HttpRequest.newBuilder(URI.create("http://" + api + EXTENSIONS + "/event/next"))
			.header("Lambda-Extension-Identifier", id)
			.timeout(Duration.ofHours(1))
			.GET()
			.build();
		while (true) {
			HttpResponse<String> event = client.send(next, HttpResponse.BodyHandlers.ofString());
			if (event.statusCode() != 200) {
				System.err.println("next failed: " + event.statusCode() + " " + event.body());
				System.exit(1);
			}
			if (event.body().contains("\"SHUTDOWN\"")) {
				server.stop(0);
				System.exit(0);
			}
		}
	}

	private static int count(String text, String needle) {
		int count = 0;
		for (int index = text.indexOf(needle); index >= 0; index = text.indexOf(needle, index + needle.length())) {
			count++;
		}
		return count;
	}

}
