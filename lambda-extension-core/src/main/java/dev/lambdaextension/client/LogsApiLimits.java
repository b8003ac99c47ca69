package dev.lambdaextension.client;

import java.util.List;

/**
 * Limits, defaults and values the Logs API documents for a subscription, see <a href=
 * "https://docs.aws.amazon.com/lambda/latest/dg/runtimes-logs-api.html">the Logs API
 * reference</a>. The ranges equal the Telemetry API's, the defaults do not all.
 *
 * @since 0.2.0
 */
public final class LogsApiLimits {

	/**
	 * Fewest buffered records Lambda accepts as {@code maxItems}.
	 */
	public static final int MIN_MAX_ITEMS = 1_000;

	/**
	 * Most buffered records Lambda accepts as {@code maxItems}.
	 */
	public static final int MAX_MAX_ITEMS = 10_000;

	/**
	 * Lambda's {@code maxItems} when the subscription does not say.
	 */
	public static final int DEFAULT_MAX_ITEMS = 10_000;

	/**
	 * Fewest buffered bytes Lambda accepts as {@code maxBytes}.
	 */
	public static final long MIN_MAX_BYTES = 262_144;

	/**
	 * Most buffered bytes Lambda accepts as {@code maxBytes}.
	 */
	public static final long MAX_MAX_BYTES = 1_048_576;

	/**
	 * Lambda's {@code maxBytes} when the subscription does not say.
	 */
	public static final long DEFAULT_MAX_BYTES = 262_144;

	/**
	 * Shortest buffering time in milliseconds Lambda accepts as {@code timeoutMs}.
	 */
	public static final long MIN_TIMEOUT_MS = 25;

	/**
	 * Longest buffering time in milliseconds Lambda accepts as {@code timeoutMs}.
	 */
	public static final long MAX_TIMEOUT_MS = 30_000;

	/**
	 * Lambda's {@code timeoutMs} when the subscription does not say.
	 */
	public static final long DEFAULT_TIMEOUT_MS = 1_000;

	/**
	 * Schema version that adds {@code platform.runtimeDone}.
	 */
	public static final String SCHEMA_2021_03_18 = "2021-03-18";

	/**
	 * Original schema version, Lambda's default.
	 */
	public static final String SCHEMA_2020_08_15 = "2020-08-15";

	/**
	 * Schema versions, newest first.
	 */
	public static final List<String> SCHEMA_VERSIONS = List.of(SCHEMA_2021_03_18, SCHEMA_2020_08_15);

	/**
	 * Streams a subscription may ask for.
	 */
	public static final List<String> TYPES = List.of("platform", "function", "extension");

	private LogsApiLimits() {
	}

}
