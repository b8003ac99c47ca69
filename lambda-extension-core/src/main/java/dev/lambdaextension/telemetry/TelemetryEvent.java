package dev.lambdaextension.telemetry;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * One event delivered by the Lambda Telemetry API. Known types are delivered as their
 * typed view (for example {@link PlatformReport}); unknown types as
 * {@link UnknownTelemetryEvent}, never dropped.
 *
 * @since 0.1.0
 */
public interface TelemetryEvent {

	/**
	 * Return the event type exactly as sent, for example {@code platform.report}.
	 * @return the type
	 */
	String type();

	/**
	 * Return when the platform generated the event.
	 * @return the time
	 */
	Instant time();

	/**
	 * Return the raw {@code record} of the event: an object for platform events, a string
	 * or an object for log records.
	 * @return the record
	 */
	JsonNode record();

}
