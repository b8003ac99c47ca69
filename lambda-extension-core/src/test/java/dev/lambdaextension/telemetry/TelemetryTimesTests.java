package dev.lambdaextension.telemetry;

import java.time.DateTimeException;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TelemetryTimes}.
 */
class TelemetryTimesTests {

	@Test
	void parseShouldReadMillisecondsAndZ() {
		assertThat(TelemetryTimes.parse("2025-11-23T10:15:30.123Z")).isEqualTo(Instant.parse("2025-11-23T10:15:30.123Z"));
	}

	@Test
	void parseShouldReadSecondsWithoutFraction() {
		assertThat(TelemetryTimes.parse("2025-11-23T10:15:30Z")).isEqualTo(Instant.parse("2025-11-23T10:15:30Z"));
	}

	@Test
	void parseShouldReadAnyFractionLength() {
		assertThat(TelemetryTimes.parse("2025-11-23T10:15:30.1Z")).isEqualTo(Instant.parse("2025-11-23T10:15:30.100Z"));
		assertThat(TelemetryTimes.parse("2025-11-23T10:15:30.123456789Z"))
			.isEqualTo(Instant.parse("2025-11-23T10:15:30.123456789Z"));
	}

	@Test
	void parseShouldApplyOffsets() {
		Instant expected = Instant.parse("2025-11-23T09:15:30.123Z");
		assertThat(TelemetryTimes.parse("2025-11-23T10:15:30.123+01:00")).isEqualTo(expected);
		assertThat(TelemetryTimes.parse("2025-11-23T10:15:30.123+0100")).isEqualTo(expected);
		assertThat(TelemetryTimes.parse("2025-11-23T10:15:30.123+01")).isEqualTo(expected);
		assertThat(TelemetryTimes.parse("2025-11-23T09:15:30.123+00:00")).isEqualTo(expected);
		assertThat(TelemetryTimes.parse("2025-11-23T04:45:30.123-04:30")).isEqualTo(expected);
	}

	@Test
	void parseShouldAcceptLowerCaseLetters() {
		assertThat(TelemetryTimes.parse("2025-11-23t10:15:30.123z")).isEqualTo(Instant.parse("2025-11-23T10:15:30.123Z"));
	}

	@Test
	void parseShouldTakeATimeWithoutZoneAsUtc() {
		assertThat(TelemetryTimes.parse("2025-11-23T10:15:30.123")).isEqualTo(Instant.parse("2025-11-23T10:15:30.123Z"));
	}

	@Test
	void parseShouldRejectInvalidDates() {
		assertThatExceptionOfType(DateTimeException.class).isThrownBy(() -> TelemetryTimes.parse("2025-02-30T10:15:30Z"));
		assertThatExceptionOfType(DateTimeException.class).isThrownBy(() -> TelemetryTimes.parse("2025-11-23T24:15:30Z"));
		assertThatExceptionOfType(DateTimeException.class).isThrownBy(() -> TelemetryTimes.parse("yesterday"));
		assertThatExceptionOfType(DateTimeException.class).isThrownBy(() -> TelemetryTimes.parse(""));
	}

}
