package dev.lambdaextension.telemetry;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Lenient readers for the fields of a telemetry record. Absent and {@code null} values are
 * treated alike; numbers may arrive as JSON numbers or numeric strings. A value of the
 * wrong shape raises an {@link InvalidRecordException} naming the field.
 */
final class RecordFields {

	private RecordFields() {
	}

	static JsonNode requireObject(JsonNode record, String type) {
		if (!record.isObject()) {
			throw new InvalidRecordException("Record of '" + type + "' must be an object");
		}
		return record;
	}

	static String requiredString(JsonNode node, String name) {
		String value = optionalString(node, name);
		if (value == null) {
			throw missing(name);
		}
		return value;
	}

	static @Nullable String optionalString(JsonNode node, String name) {
		JsonNode value = node.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (value.isString()) {
			return value.stringValue();
		}
		if (value.isValueNode()) {
			return value.asString();
		}
		throw invalid(name);
	}

	static double requiredDouble(JsonNode node, String name) {
		Double value = optionalDouble(node, name);
		if (value == null) {
			throw missing(name);
		}
		return value;
	}

	static @Nullable Double optionalDouble(JsonNode node, String name) {
		JsonNode value = node.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (value.isNumber()) {
			return value.doubleValue();
		}
		if (value.isString()) {
			try {
				return Double.parseDouble(value.stringValue().trim());
			}
			catch (NumberFormatException ex) {
				throw invalid(name);
			}
		}
		throw invalid(name);
	}

	static long requiredLong(JsonNode node, String name) {
		Long value = optionalLong(node, name);
		if (value == null) {
			throw missing(name);
		}
		return value;
	}

	static @Nullable Long optionalLong(JsonNode node, String name) {
		Double value = optionalDouble(node, name);
		return (value != null) ? (long) value.doubleValue() : null;
	}

	static List<String> stringList(JsonNode node, String name) {
		JsonNode value = node.get(name);
		if (value == null || value.isNull()) {
			return List.of();
		}
		if (!value.isArray()) {
			throw invalid(name);
		}
		String[] items = new String[value.size()];
		for (int i = 0; i < items.length; i++) {
			JsonNode item = value.get(i);
			if (item == null || !item.isValueNode() || item.isNull()) {
				throw invalid(name);
			}
			items[i] = item.asString();
		}
		return List.of(items);
	}

	static Instant requiredInstant(JsonNode node, String name) {
		String value = requiredString(node, name);
		try {
			return TelemetryTimes.parse(value);
		}
		catch (DateTimeException ex) {
			throw invalid(name);
		}
	}

	static @Nullable JsonNode optionalObject(JsonNode node, String name) {
		JsonNode value = node.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isObject()) {
			throw invalid(name);
		}
		return value;
	}

	static List<Span> spans(JsonNode node) {
		JsonNode value = node.get("spans");
		if (value == null || value.isNull()) {
			return List.of();
		}
		if (!value.isArray()) {
			throw invalid("spans");
		}
		Span[] spans = new Span[value.size()];
		for (int i = 0; i < spans.length; i++) {
			JsonNode item = value.get(i);
			if (item == null || !item.isObject()) {
				throw invalid("spans");
			}
			spans[i] = Span.from(item);
		}
		return List.of(spans);
	}

	static @Nullable TraceContext tracing(JsonNode node) {
		JsonNode value = optionalObject(node, "tracing");
		return (value != null) ? TraceContext.from(value) : null;
	}

	private static InvalidRecordException missing(String name) {
		return new InvalidRecordException("Required field '" + name + "' is missing");
	}

	private static InvalidRecordException invalid(String name) {
		return new InvalidRecordException("Field '" + name + "' has an unexpected shape");
	}

}
