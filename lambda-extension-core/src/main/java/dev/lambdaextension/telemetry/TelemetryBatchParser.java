package dev.lambdaextension.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * Parses the body of a Telemetry API delivery, a JSON array of events, into
 * {@link TelemetryEvent}s. The envelope is read with a streaming parser and only each
 * {@code record} is materialized as a tree.
 * <p>
 * Elements are parsed independently: an element that is not an object, has no string
 * {@code type}, has a missing or unparseable {@code time}, or whose record does not fit
 * the typed view of its type is skipped and counted in {@link ParsedBatch#malformed()};
 * the rest of the batch is kept. An element of a type without a typed view becomes an
 * {@link UnknownTelemetryEvent}. Only a body that is not a JSON array, or not valid JSON,
 * fails as a whole with a {@link MalformedTelemetryException}.
 * <p>
 * A body given as bytes may contain byte sequences that are not valid UTF-8, for example
 * a function log cut in the middle of a character: they are replaced with U+FFFD and the
 * batch is kept. Valid input is parsed once; only a body that fails to parse and is not
 * valid UTF-8 is decoded with replacement and parsed again.
 * <p>
 * Instances are thread-safe and meant to be shared. Payloads are never logged above
 * DEBUG.
 *
 * @since 0.1.0
 */
public final class TelemetryBatchParser {

	private static final System.Logger logger = System.getLogger(TelemetryBatchParser.class.getName());

	private final ObjectReader reader;

	/**
	 * Create a new instance with a default {@link JsonMapper}.
	 */
	public TelemetryBatchParser() {
		this(JsonMapper.builder().build());
	}

	/**
	 * Create a new instance that uses the given mapper.
	 * @param jsonMapper the mapper to read with
	 */
	public TelemetryBatchParser(JsonMapper jsonMapper) {
		Objects.requireNonNull(jsonMapper, "'jsonMapper' must not be null");
		this.reader = jsonMapper.reader().without(StreamReadFeature.AUTO_CLOSE_SOURCE);
	}

	/**
	 * Parse a batch. Byte sequences that are not valid UTF-8 are read as U+FFFD.
	 * @param body the request body, UTF-8 encoded
	 * @return the parsed batch
	 * @throws MalformedTelemetryException if the body is not a JSON array or not valid
	 * JSON
	 */
	public ParsedBatch parse(byte[] body) {
		Objects.requireNonNull(body, "'body' must not be null");
		try (JsonParser parser = this.reader.createParser(body)) {
			return parse(parser);
		}
		catch (JacksonIOException ex) {
			throw new UncheckedIOException(ex.getCause());
		}
		catch (JacksonException ex) {
			String replaced = decodeInvalidUtf8(body);
			if (replaced == null) {
				throw malformed(ex);
			}
			return parseReplaced(replaced);
		}
	}

	/**
	 * Parse a batch from a stream, which is read to the end of the array and not closed.
	 * @param body the request body
	 * @return the parsed batch
	 * @throws MalformedTelemetryException if the body is not a JSON array or not valid
	 * JSON
	 * @throws UncheckedIOException if reading the stream fails
	 */
	public ParsedBatch parse(InputStream body) {
		Objects.requireNonNull(body, "'body' must not be null");
		try (JsonParser parser = this.reader.createParser(body)) {
			return parse(parser);
		}
		catch (JacksonIOException ex) {
			throw new UncheckedIOException(ex.getCause());
		}
		catch (JacksonException ex) {
			throw malformed(ex);
		}
	}

	private ParsedBatch parseReplaced(String body) {
		if (logger.isLoggable(Level.DEBUG)) {
			logger.log(Level.DEBUG, "Telemetry batch is not valid UTF-8; parsing it with U+FFFD replacements");
		}
		try (JsonParser parser = this.reader.createParser(body)) {
			return parse(parser);
		}
		catch (JacksonException ex) {
			throw malformed(ex);
		}
	}

	private static @Nullable String decodeInvalidUtf8(byte[] body) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body));
			return null;
		}
		catch (CharacterCodingException ex) {
			return new String(body, StandardCharsets.UTF_8);
		}
	}

	private ParsedBatch parse(JsonParser parser) {
		JsonToken token = parser.nextToken();
		if (token != JsonToken.START_ARRAY) {
			throw new MalformedTelemetryException("Telemetry batch must be a JSON array but was " + describe(token));
		}
		List<TelemetryEvent> events = new ArrayList<>();
		int malformed = 0;
		int index = 0;
		while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
			if (token == null) {
				throw new MalformedTelemetryException("Telemetry batch ended inside its JSON array");
			}
			TelemetryEvent event = null;
			if (token == JsonToken.START_OBJECT) {
				event = readEvent(parser, index);
			}
			else {
				parser.skipChildren();
				debug(index, "is " + describe(token) + ", not an object");
			}
			if (event != null) {
				events.add(event);
			}
			else {
				malformed++;
			}
			index++;
		}
		return new ParsedBatch(events, malformed);
	}

	private @Nullable TelemetryEvent readEvent(JsonParser parser, int index) {
		String type = null;
		String time = null;
		JsonNode record = null;
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			JsonToken token = parser.nextToken();
			switch (name) {
				case "type" -> type = stringOrSkip(parser, token);
				case "time" -> time = stringOrSkip(parser, token);
				case "record" -> record = parser.readValueAsTree();
				default -> parser.skipChildren();
			}
		}
		if (type == null) {
			debug(index, "has no string 'type'");
			return null;
		}
		if (time == null) {
			debug(index, "of type '" + type + "' has no string 'time'");
			return null;
		}
		Instant instant;
		try {
			instant = TelemetryTimes.parse(time);
		}
		catch (DateTimeException ex) {
			debug(index, "of type '" + type + "' has an unparseable 'time'");
			return null;
		}
		try {
			return toEvent(type, instant, (record != null) ? record : MissingNode.getInstance());
		}
		catch (InvalidRecordException ex) {
			debug(index, "of type '" + type + "' does not fit its typed view: " + ex.getMessage());
			return null;
		}
		catch (RuntimeException ex) {
			debug(index, "of type '" + type + "' could not be mapped: " + ex);
			return null;
		}
	}

	private static @Nullable String stringOrSkip(JsonParser parser, JsonToken token) {
		if (token == JsonToken.VALUE_STRING) {
			return parser.getString();
		}
		parser.skipChildren();
		return null;
	}

	private static TelemetryEvent toEvent(String type, Instant time, JsonNode record) {
		switch (type) {
			case TelemetryTypes.PLATFORM_INIT_START:
				return PlatformInitStart.from(time, record);
			case TelemetryTypes.PLATFORM_INIT_RUNTIME_DONE:
				return PlatformInitRuntimeDone.from(time, record);
			case TelemetryTypes.PLATFORM_INIT_REPORT:
				return PlatformInitReport.from(time, record);
			case TelemetryTypes.PLATFORM_START:
				return PlatformStart.from(time, record);
			case TelemetryTypes.PLATFORM_RUNTIME_DONE:
				return PlatformRuntimeDone.from(time, record);
			case TelemetryTypes.PLATFORM_REPORT:
				return PlatformReport.from(time, record);
			case TelemetryTypes.PLATFORM_RESTORE_START:
				return PlatformRestoreStart.from(time, record);
			case TelemetryTypes.PLATFORM_RESTORE_RUNTIME_DONE:
				return PlatformRestoreRuntimeDone.from(time, record);
			case TelemetryTypes.PLATFORM_RESTORE_REPORT:
				return PlatformRestoreReport.from(time, record);
			case TelemetryTypes.PLATFORM_EXTENSION:
				return PlatformExtension.from(time, record);
			case TelemetryTypes.PLATFORM_TELEMETRY_SUBSCRIPTION:
				return PlatformTelemetrySubscription.from(time, record);
			case TelemetryTypes.PLATFORM_LOGS_DROPPED:
				return PlatformLogsDropped.from(time, record);
			case TelemetryTypes.FUNCTION:
				return FunctionLog.from(time, record);
			case TelemetryTypes.EXTENSION:
				return ExtensionLog.from(time, record);
			default:
				return new UnknownTelemetryEvent(type, time, record);
		}
	}

	private static void debug(int index, String problem) {
		if (logger.isLoggable(Level.DEBUG)) {
			logger.log(Level.DEBUG, "Skipping telemetry batch element " + index + ": it " + problem);
		}
	}

	private static MalformedTelemetryException malformed(JacksonException ex) {
		if (logger.isLoggable(Level.DEBUG)) {
			logger.log(Level.DEBUG, "Telemetry batch is not valid JSON: " + ex.getOriginalMessage());
		}
		TokenStreamLocation location = ex.getLocation();
		String where = (location != null)
				? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")" : "";
		return new MalformedTelemetryException("Telemetry batch is not valid JSON" + where);
	}

	private static String describe(@Nullable JsonToken token) {
		if (token == null) {
			return "empty";
		}
		return switch (token) {
			case START_OBJECT -> "an object";
			case START_ARRAY -> "an array";
			case VALUE_STRING -> "a string";
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
			case VALUE_TRUE, VALUE_FALSE -> "a boolean";
			case VALUE_NULL -> "null";
			default -> "unexpected token " + token;
		};
	}

	/**
	 * The result of parsing one telemetry batch.
	 *
	 * @param events the events in the order they were sent, each a typed view or an
	 * {@link UnknownTelemetryEvent}
	 * @param malformed the number of elements that were skipped because they could not
	 * be read as an event
	 */
	public record ParsedBatch(List<TelemetryEvent> events, int malformed) {

		public ParsedBatch {
			events = List.copyOf(events);
			if (malformed < 0) {
				throw new IllegalArgumentException("'malformed' must not be negative");
			}
		}

		/**
		 * Return whether any element of the batch was skipped.
		 * @return whether {@link #malformed()} is positive
		 */
		public boolean hasMalformed() {
			return this.malformed > 0;
		}

	}

}
