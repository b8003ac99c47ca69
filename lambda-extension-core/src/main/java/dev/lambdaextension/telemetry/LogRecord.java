package dev.lambdaextension.telemetry;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A log record of the {@code function} or {@code extension} stream. Lambda sends a
 * string for the plain-text log format and an object (at least {@code timestamp},
 * {@code level}, {@code requestId} and {@code message}, plus whatever the logger added)
 * for the JSON log format; both shapes can arrive for the same type. Keys other than
 * these are available from {@link #record()}.
 *
 * @since 0.1.0
 */
public interface LogRecord extends TelemetryEvent {

	/**
	 * Return whether the record is a JSON object (JSON log format) rather than text.
	 * @return whether the record is a JSON object
	 */
	default boolean isJson() {
		return record().isObject();
	}

	/**
	 * Return the log message: the text record without its trailing line break, or the
	 * {@code message} of a JSON record (empty when it has none).
	 * @return the message
	 */
	String message();

	/**
	 * Return the {@code level} of a JSON record.
	 * @return the level as sent, or {@code null} for a text record or when absent
	 */
	@Nullable String level();

	/**
	 * Return the {@code requestId} of a JSON record.
	 * @return the request id, or {@code null} for a text record or when absent
	 */
	@Nullable String requestId();

	/**
	 * Return the {@code timestamp} of a JSON record, which the logger wrote and which can
	 * differ from {@link #time()}.
	 * @return the timestamp, or {@code null} for a text record or when absent or not an
	 * ISO-8601 date-time
	 */
	@Nullable Instant timestamp();

}
