package dev.lambdaextension.client;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link TelemetryApiClient} on {@link RuntimeApiHttp}.
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
		RuntimeApiHttp.Response response = this.http.call("telemetry subscription", "PUT", PATH,
				Map.of(RuntimeApiHttp.EXTENSION_IDENTIFIER, extensionId), body(subscription), false);
		return switch (response.status()) {
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
		body.put("destination", destination(subscription.destination()));
		return body;
	}

	private static Map<String, Object> destination(URI destination) {
		if (TelemetrySubscription.TCP_SCHEME.equals(destination.getScheme())) {
			return Map.of("protocol", "TCP", "port", destination.getPort());
		}
		return Map.of("protocol", "HTTP", "URI", destination.toString());
	}

}
