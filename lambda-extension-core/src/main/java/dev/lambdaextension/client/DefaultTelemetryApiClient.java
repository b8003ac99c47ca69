package dev.lambdaextension.client;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link TelemetryApiClient} on the JDK HTTP client.
 *
 * @since 0.1.0
 */
public class DefaultTelemetryApiClient implements TelemetryApiClient {

	private static final String PATH = "/2022-07-01/telemetry";

	private final RuntimeApiHttp http;

	/**
	 * Create a client.
	 * @param http the transport
	 */
	public DefaultTelemetryApiClient(RuntimeApiHttp http) {
		this.http = http;
	}

	@Override
	public SubscriptionOutcome subscribe(String extensionId, TelemetrySubscription subscription) {
		HttpRequest request = this.http.request(PATH, false)
			.header(RuntimeApiHttp.EXTENSION_IDENTIFIER, extensionId)
			.header("Content-Type", "application/json")
			.PUT(this.http.json(body(subscription)))
			.build();
		HttpResponse<byte[]> response = this.http.send("telemetry subscription", request);
		return switch (response.statusCode()) {
			case 200 -> SubscriptionOutcome.SUBSCRIBED;
			case 202 -> SubscriptionOutcome.NOT_SUPPORTED;
			default -> throw this.http.error("telemetry subscription", response);
		};
	}

	private static Map<String, Object> body(TelemetrySubscription subscription) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("schemaVersion", subscription.schemaVersion());
		body.put("types", subscription.types());
		body.put("buffering", Map.of("maxItems", subscription.maxItems(), "maxBytes", subscription.maxBytes(),
				"timeoutMs", subscription.timeoutMs()));
		body.put("destination", Map.of("protocol", "HTTP", "URI", subscription.destination().toString()));
		return body;
	}

}
