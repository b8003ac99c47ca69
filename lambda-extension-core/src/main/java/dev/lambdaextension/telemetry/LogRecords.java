package dev.lambdaextension.telemetry;

import java.time.DateTimeException;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the common fields of text and JSON log records. Fields of a JSON record are read
 * leniently: a value of an unexpected shape is treated as absent.
 */
final class LogRecords {

	private LogRecords() {
	}

	static void requireShape(JsonNode record, String type) {
		if (!record.isString() && !record.isObject()) {
			throw new InvalidRecordException("Record of '" + type + "' must be a string or an object");
		}
	}

	static String message(JsonNode record) {
		if (record.isString()) {
			return stripLineBreaks(record.stringValue());
		}
		JsonNode message = record.get("message");
		if (message == null || message.isNull()) {
			return "";
		}
		return stripLineBreaks(message.isValueNode() ? message.asString() : message.toString());
	}

	static @Nullable String string(JsonNode record, String name) {
		if (!record.isObject()) {
			return null;
		}
		JsonNode value = record.get(name);
		return (value != null && value.isValueNode() && !value.isNull()) ? value.asString() : null;
	}

	static @Nullable Instant timestamp(JsonNode record) {
		String value = string(record, "timestamp");
		if (value == null) {
			return null;
		}
		try {
			return TelemetryTimes.parse(value);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	private static String stripLineBreaks(String text) {
		int end = text.length();
		while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
			end--;
		}
		return (end != text.length()) ? text.substring(0, end) : text;
	}

	static String describe(String type, Instant time, @Nullable String level, @Nullable String requestId) {
		return type + "[time=" + time + ", level=" + level + ", requestId=" + requestId + ", message=<redacted>]";
	}

}
