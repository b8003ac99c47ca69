package dev.lambdaextension.test.emulator;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * A Telemetry API subscription accepted by the emulator.
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
 * @since 0.1.0
 */
public record EmulatedTelemetrySubscription(String extensionName, String schemaVersion, List<String> types, int maxItems,
		int maxBytes, int timeoutMs, String destinationUri, URI deliveryUri, String rawBody, Instant subscribedAt) {

	/**
	 * Create a subscription record.
	 */
	public EmulatedTelemetrySubscription {
		types = List.copyOf(types);
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
		return this.schemaVersion.compareTo("2022-12-13") >= 0;
	}

}
