package dev.lambdaextension.telemetry;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The streams of the Telemetry API, the unit a subscription names in its {@code types}.
 *
 * @since 0.1.0
 */
public enum TelemetryStream {

	/**
	 * Lifecycle events, metrics and trace spans: every {@code platform.*} type.
	 */
	PLATFORM,

	/**
	 * The function's log records, type {@code function}.
	 */
	FUNCTION,

	/**
	 * Extensions' log records, type {@code extension}.
	 */
	EXTENSION;

	private static final List<String> WIRE_NAMES = Arrays.stream(values()).map(TelemetryStream::wireName).toList();

	private final String wireName = name().toLowerCase(Locale.ROOT);

	/**
	 * Return the name the Telemetry API uses, for example {@code platform}.
	 * @return the name
	 */
	public String wireName() {
		return this.wireName;
	}

	/**
	 * Return the stream an event type is delivered on: {@link #FUNCTION} for
	 * {@code function}, {@link #EXTENSION} for {@code extension}, {@link #PLATFORM} for
	 * {@code platform.*} and any other type.
	 * @param type the event type
	 * @return the stream
	 */
	public static TelemetryStream of(String type) {
		if (FUNCTION.wireName.equals(type)) {
			return FUNCTION;
		}
		if (EXTENSION.wireName.equals(type)) {
			return EXTENSION;
		}
		return PLATFORM;
	}

	/**
	 * Return the stream of a name as the Telemetry API writes it.
	 * @param wireName the name, for example {@code function}
	 * @return the stream, or {@code null} when the name is not a stream
	 */
	public static @Nullable TelemetryStream fromWireName(String wireName) {
		for (TelemetryStream stream : values()) {
			if (stream.wireName.equals(wireName)) {
				return stream;
			}
		}
		return null;
	}

	/**
	 * Return the names of every stream, in declaration order.
	 * @return the names
	 */
	public static List<String> wireNames() {
		return WIRE_NAMES;
	}

}
