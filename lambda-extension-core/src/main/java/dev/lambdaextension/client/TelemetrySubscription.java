package dev.lambdaextension.client;

import java.net.URI;
import java.util.List;

/**
 * Body of a Telemetry API subscription ({@code PUT /2022-07-01/telemetry}).
 *
 * @param schemaVersion the schema version of the delivered events, for example
 * {@code 2022-12-13}
 * @param types the streams to receive: {@code platform}, {@code function},
 * {@code extension}
 * @param maxItems the most events Lambda buffers before it delivers a batch
 * @param maxBytes the most bytes Lambda buffers before it delivers a batch
 * @param timeoutMs the longest time in milliseconds Lambda buffers before it delivers
 * @param destination the HTTP address Lambda posts batches to, or a
 * {@code tcp://host:port} address for delivery over TCP (sent as the TCP destination
 * form, {@code {"protocol":"TCP","port":port}})
 * @since 0.1.0
 */
public record TelemetrySubscription(String schemaVersion, List<String> types, int maxItems, long maxBytes,
		long timeoutMs, URI destination) {

	/**
	 * Scheme of a destination that asks for delivery over TCP.
	 */
	public static final String TCP_SCHEME = "tcp";

	public TelemetrySubscription {
		types = List.copyOf(types);
	}

	/**
	 * Return a copy of this subscription with another schema version.
	 * @param version the schema version
	 * @return the copy
	 */
	public TelemetrySubscription withSchemaVersion(String version) {
		return new TelemetrySubscription(version, this.types, this.maxItems, this.maxBytes, this.timeoutMs,
				this.destination);
	}

}
