package dev.lambdaextension.test.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Minimal JSON helper over Jackson that works with plain maps and lists.
 */
final class Json {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	static String write(@Nullable Object value) {
		return MAPPER.writeValueAsString(value);
	}

	static @Nullable Object read(String text) {
		try {
			return MAPPER.readValue(text, Object.class);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Invalid JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	@SuppressWarnings("unchecked")
	static @Nullable Map<String, Object> readObject(String text) {
		if (text.isBlank()) {
			return null;
		}
		try {
			Object value = read(text);
			return (value instanceof Map) ? (Map<String, Object>) value : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	static Map<String, Object> object(@Nullable Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			Object value = keysAndValues[i + 1];
			if (value != null) {
				map.put((String) keysAndValues[i], value);
			}
		}
		return map;
	}

}
