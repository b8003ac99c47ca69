package dev.lambdaextension.test.emulator;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * A Telemetry API or Logs API subscription accepted by the emulator.
 *
 * @param extensionName the subscribing extension
 * @param schemaVersion the requested schema version
 * @param types the requested streams ({@code platform}, {@code function}, {@code extension})
 * @param maxItems effective buffering item limit
 * @param maxBytes effective buffering byte limit
 * @param timeoutMs effective buffering timeout
 * @param destinationUri the URI as sent by the extension (for a TCP destination, its port)
 * @param deliveryUri the URI the emulator posts to (sandbox hosts rewritten to 127.0.0.1); {@code tcp://127.0.0.1:port} for a TCP destination
 * @param rawBody the subscription request body
 * @param subscribedAt when the subscription was accepted
 * @param logsApi whether the subscription came through the Logs API ({@code PUT /2020-08-15/logs}), which
 * delivers Logs API record shapes
 * @param deliveryMethod the HTTP method batches are delivered with: {@code POST}, or {@code PUT} when a Logs API
 * subscription asks for it
 * @since 0.1.0
 */
public record EmulatedTelemetrySubscription(String extensionName, String schemaVersion, List<String> types, int maxItems,
		int maxBytes, int timeoutMs, String destinationUri, URI deliveryUri, String rawBody, Instant subscribedAt, boolean logsApi,
		String deliveryMethod) {

	/**
	 * Create a subscription record.
	 */
	public EmulatedTelemetrySubscription {
		types = List.copyOf(types);
	}

	/**
	 * Create a Telemetry API subscription record, delivered with {@code POST}.
	 * @param extensionName the subscribing extension
	 * @param schemaVersion the requested schema version
	 * @param types the requested streams
	 * @param maxItems effective buffering item limit
	 * @param maxBytes effective buffering byte limit
	 * @param timeoutMs effective buffering timeout
	 * @param destinationUri the URI as sent by the extension
	 * @param deliveryUri the URI the emulator posts to
	 * @param rawBody the subscription request body
	 * @param subscribedAt when the subscription was accepted
	 */
	public EmulatedTelemetrySubscription(String extensionName, String schemaVersion, List<String> types, int maxItems,
			int maxBytes, int timeoutMs, String destinationUri, URI deliveryUri, String rawBody, Instant subscribedAt) {
		this(extensionName, schemaVersion, types, maxItems, maxBytes, timeoutMs, destinationUri, deliveryUri, rawBody,
				subscribedAt, false, "POST");
	}

	/**
	 * Return whether events of a stream are delivered to this subscriber.
	 * @param stream {@code platform}, {@code function} or {@code extension}
	 * @return whether subscribed
	 */
	public boolean accepts(String stream) {
		return this.types.contains(stream);
	}

	/**
	 * Return whether function log records may be JSON objects (schema 2022-12-13 or later).
	 * @return whether structured records are allowed
	 */
	public boolean supportsStructuredLogs() {
		return !this.logsApi && this.schemaVersion.compareTo("2022-12-13") >= 0;
	}

}
