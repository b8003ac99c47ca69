package dev.lambdaextension.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link LogsApiClient} on {@link RuntimeApiHttp}. Sends every buffering value
 * explicitly, and the destination in the form its scheme asks for: HTTP with
 * {@code URI}, {@code method} and {@code encoding}, or TCP with {@code port}.
 *
 * @since 0.2.0
 */
public class DefaultLogsApiClient implements LogsApiClient {

	private static final String PATH = "/2020-08-15/logs";

	private static final String CALL = "logs subscription";

	private final RuntimeApiHttp http;

	/**
	 * Create a client.
	 * @param http the transport
	 */
	public DefaultLogsApiClient(RuntimeApiHttp http) {
		this.http = http;
	}

	@Override
	public SubscriptionOutcome subscribe(String extensionId, LogsSubscription subscription) {
		RuntimeApiHttp.Response response = this.http.call(CALL, "PUT", PATH,
				Map.of(RuntimeApiHttp.EXTENSION_IDENTIFIER, extensionId), body(subscription), false);
		return switch (response.status()) {
			case 200 -> SubscriptionOutcome.SUBSCRIBED;
			case 202 -> SubscriptionOutcome.NOT_SUPPORTED;
			default -> throw this.http.error(CALL, response);
		};
	}

	private static Map<String, Object> body(LogsSubscription subscription) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("schemaVersion", subscription.schemaVersion());
		body.put("types", subscription.types());
		body.put("buffering", Map.of("maxItems", subscription.maxItems(), "maxBytes", subscription.maxBytes(),
				"timeoutMs", subscription.timeoutMs()));
		body.put("destination", destination(subscription));
		return body;
	}

	private static Map<String, Object> destination(LogsSubscription subscription) {
		if (TelemetrySubscription.TCP_SCHEME.equals(subscription.destination().getScheme())) {
			return Map.of("protocol", "TCP", "port", subscription.destination().getPort());
		}
		Map<String, Object> destination = new LinkedHashMap<>();
		destination.put("protocol", "HTTP");
		destination.put("URI", subscription.destination().toString());
		destination.put("method", subscription.method().name());
		destination.put("encoding", "JSON");
		return destination;
	}

}
