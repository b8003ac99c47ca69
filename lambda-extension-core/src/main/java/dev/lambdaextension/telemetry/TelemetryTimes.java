package dev.lambdaextension.telemetry;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Parses the ISO-8601 timestamps of telemetry events. The common
 * {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} shape takes an allocation-free fast path; any
 * other ISO-8601 date-time, with an offset or without a zone (taken as UTC), takes the
 * {@link DateTimeFormatter} path.
 */
final class TelemetryTimes {

	private static final int[] POWERS_OF_TEN = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
			100_000_000, 1_000_000_000 };

	private static final DateTimeFormatter LENIENT_FORMATTER = new DateTimeFormatterBuilder().parseCaseInsensitive()
		.append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
		.appendPattern("[XXXXX][XX][X]")
		.toFormatter(Locale.ROOT)
		.withChronology(IsoChronology.INSTANCE)
		.withResolverStyle(ResolverStyle.STRICT);

	private TelemetryTimes() {
	}

	/**
	 * Parse an ISO-8601 date-time.
	 * @param text the text
	 * @return the instant
	 * @throws DateTimeException if the text is not an ISO-8601 date-time
	 */
	static Instant parse(String text) {
		Instant instant = parseUtcFast(text);
		return (instant != null) ? instant : parseLenient(text);
	}

	private static @Nullable Instant parseUtcFast(String text) {
		int length = text.length();
		if (length < 20 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
				|| text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z') {
			return null;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = digits(text, 17, 2);
		if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
				|| second > 59) {
			return null;
		}
		int nanos = 0;
		if (length > 20) {
			int fractionLength = length - 21;
			if (text.charAt(19) != '.' || fractionLength < 1 || fractionLength > 9) {
				return null;
			}
			int fraction = digits(text, 20, fractionLength);
			if (fraction < 0) {
				return null;
			}
			nanos = fraction * POWERS_OF_TEN[9 - fractionLength];
		}
		long epochDay = LocalDate.of(year, month, day).toEpochDay();
		return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
	}

	private static int digits(String text, int start, int count) {
		int value = 0;
		for (int i = start; i < start + count; i++) {
			int digit = text.charAt(i) - '0';
			if (digit < 0 || digit > 9) {
				return -1;
			}
			value = value * 10 + digit;
		}
		return value;
	}

	private static Instant parseLenient(String text) {
		TemporalAccessor parsed = LENIENT_FORMATTER.parse(text.trim());
		LocalDateTime dateTime = LocalDateTime.from(parsed);
		ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS)
				? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)) : ZoneOffset.UTC;
		return dateTime.toInstant(offset);
	}

}
