package dev.lambdaextension.client;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Body of a Logs API subscription ({@code PUT /2020-08-15/logs}). The values are checked
 * against {@link LogsApiLimits} when the subscription is created.
 *
 * @param schemaVersion the schema version of the delivered records, {@code 2021-03-18}
 * (which adds {@code platform.runtimeDone}) or {@code 2020-08-15}
 * @param types the streams to receive: {@code platform}, {@code function},
 * {@code extension}
 * @param maxItems the most records Lambda buffers before it delivers a batch
 * @param maxBytes the most bytes Lambda buffers before it delivers a batch
 * @param timeoutMs the longest time in milliseconds Lambda buffers before it delivers
 * @param destination the HTTP address Lambda delivers batches to, or a
 * {@code tcp://host:port} address for delivery over TCP
 * @param method the HTTP method Lambda delivers with; ignored for TCP
 * @since 0.2.0
 */
public record LogsSubscription(String schemaVersion, List<String> types, int maxItems, long maxBytes, long timeoutMs,
		URI destination, DeliveryMethod method) {

	public LogsSubscription {
		requireIn(LogsApiLimits.SCHEMA_VERSIONS, schemaVersion, "schemaVersion");
		types = List.copyOf(types);
		if (types.isEmpty()) {
			throw new IllegalArgumentException("'types' must not be empty");
		}
		types.forEach((type) -> requireIn(LogsApiLimits.TYPES, type, "types"));
		requireBetween(maxItems, LogsApiLimits.MIN_MAX_ITEMS, LogsApiLimits.MAX_MAX_ITEMS, "maxItems");
		requireBetween(maxBytes, LogsApiLimits.MIN_MAX_BYTES, LogsApiLimits.MAX_MAX_BYTES, "maxBytes");
		requireBetween(timeoutMs, LogsApiLimits.MIN_TIMEOUT_MS, LogsApiLimits.MAX_TIMEOUT_MS, "timeoutMs");
		Objects.requireNonNull(destination, "'destination' must not be null");
		Objects.requireNonNull(method, "'method' must not be null");
	}

	private static void requireIn(List<String> allowed, String value, String name) {
		if (!allowed.contains(value)) {
			throw new IllegalArgumentException("'" + name + "' must be one of " + allowed + ", not '" + value + "'");
		}
	}

	private static void requireBetween(long value, long min, long max, String name) {
		if (value < min || value > max) {
			throw new IllegalArgumentException("'" + name + "' must be between " + min + " and " + max);
		}
	}

	/**
	 * HTTP method Lambda delivers Logs API batches with.
	 *
	 * @since 0.2.0
	 */
	public enum DeliveryMethod {

		/**
		 * Deliver with {@code POST}.
		 */
		POST,

		/**
		 * Deliver with {@code PUT}.
		 */
		PUT

	}

}
