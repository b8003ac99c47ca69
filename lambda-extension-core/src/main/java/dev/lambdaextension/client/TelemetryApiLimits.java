package dev.lambdaextension.client;

import java.util.List;

/**
 * Limits and values the Telemetry API documents for a subscription, see <a href=
 * "https://docs.aws.amazon.com/lambda/latest/dg/telemetry-api-reference.html">the
 * Telemetry API reference</a>.
 *
 * @since 0.1.0
 */
public final class TelemetryApiLimits {

	/**
	 * Fewest buffered events Lambda accepts as {@code maxItems}.
	 */
	public static final int MIN_MAX_ITEMS = 1_000;

	/**
	 * Most buffered events Lambda accepts as {@code maxItems}.
	 */
	public static final int MAX_MAX_ITEMS = 10_000;

	/**
	 * Fewest buffered bytes Lambda accepts as {@code maxBytes}.
	 */
	public static final long MIN_MAX_BYTES = 262_144;

	/**
	 * Most buffered bytes Lambda accepts as {@code maxBytes}.
	 */
	public static final long MAX_MAX_BYTES = 1_048_576;

	/**
	 * Shortest buffering time in milliseconds Lambda accepts as {@code timeoutMs}.
	 */
	public static final long MIN_TIMEOUT_MS = 25;

	/**
	 * Longest buffering time in milliseconds Lambda accepts as {@code timeoutMs}.
	 */
	public static final long MAX_TIMEOUT_MS = 30_000;

	/**
	 * The reserved port of the runtime API, which a telemetry listener must not use.
	 */
	public static final int RESERVED_PORT = 9001;

	/**
	 * Schema versions, newest first.
	 */
	public static final List<String> SCHEMA_VERSIONS = List.of("2025-01-29", "2022-12-13", "2022-07-01");

	private TelemetryApiLimits() {
	}

}
