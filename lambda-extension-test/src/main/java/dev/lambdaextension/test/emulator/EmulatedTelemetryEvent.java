package dev.lambdaextension.test.emulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A telemetry event before it is rendered for a particular subscriber.
 *
 * @param time the generation time
 * @param type the event type
 * @param record the record (string or object)
 * @param structuredRecord object form of a function log record, used under JSON log format
 */
record EmulatedTelemetryEvent(String time, String type, Object record, @Nullable Object structuredRecord) {

	static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	static String format(Instant instant) {
		return TIME_FORMAT.format(instant);
	}

	static EmulatedTelemetryEvent platform(String type, Map<String, Object> record) {
		return new EmulatedTelemetryEvent(format(Instant.now()), type, record, null);
	}

	static EmulatedTelemetryEvent raw(Map<String, Object> event) {
		Object time = event.getOrDefault("time", format(Instant.now()));
		Object type = event.getOrDefault("type", "unknown");
		Object record = event.getOrDefault("record", Map.of());
		return new EmulatedTelemetryEvent(String.valueOf(time), String.valueOf(type), record, null);
	}

	String stream() {
		if ("function".equals(this.type)) {
			return "function";
		}
		if ("extension".equals(this.type)) {
			return "extension";
		}
		return "platform";
	}

	Map<String, Object> render(EmulatedTelemetrySubscription subscription) {
		Object value = (this.structuredRecord != null && subscription.supportsStructuredLogs()) ? this.structuredRecord
				: this.record;
		return Json.object("time", this.time, "type", this.type, "record", value);
	}

}
