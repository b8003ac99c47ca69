package dev.lambdaextension.telemetry;

import java.util.List;

/**
 * Event types only the legacy Logs API delivers. They have no typed view: each arrives as
 * an {@link UnknownTelemetryEvent} with its exact type and raw record. The other Logs API
 * records ({@code platform.start}, {@code platform.runtimeDone},
 * {@code platform.report}, {@code platform.extension}, {@code platform.logsDropped},
 * {@code function}, {@code extension}) mean what their Telemetry API namesakes mean and
 * parse into the same typed views, with the fields the Logs API leaves out absent.
 *
 * @since 0.2.0
 */
public final class LogsApiTypes {

	/**
	 * End of an invocation, record {@code {"requestId"}}.
	 */
	public static final String PLATFORM_END = "platform.end";

	/**
	 * A runtime or environment fault; the record is a string, for example
	 * {@code RequestId: … Process exited before completing request}.
	 */
	public static final String PLATFORM_FAULT = "platform.fault";

	/**
	 * The Logs API subscription was accepted, record {@code {"name", "state", "types"}}.
	 */
	public static final String PLATFORM_LOGS_SUBSCRIPTION = "platform.logsSubscription";

	/**
	 * Every type only the Logs API delivers.
	 */
	public static final List<String> ALL = List.of(PLATFORM_END, PLATFORM_FAULT, PLATFORM_LOGS_SUBSCRIPTION);

	private LogsApiTypes() {
	}

}
