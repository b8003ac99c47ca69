package dev.lambdaextension.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events that may hold user data do not show it in {@code toString()}.
 */
class RedactionTests {

	private final TelemetryBatchParser parser = new TelemetryBatchParser();

	@Test
	void logRecordsAndUnknownEventsShouldNotShowTheirPayloadInToString() {
		List<TelemetryEvent> events = this.parser.parse(("["
				+ "{\"time\":\"2025-11-23T10:15:01.100Z\",\"type\":\"function\",\"record\":\"password=hunter2\"},"
				+ "{\"time\":\"2025-11-23T10:15:01.100Z\",\"type\":\"extension\",\"record\":{\"level\":\"INFO\","
				+ "\"message\":\"token=hunter2\"}},"
				+ "{\"time\":\"2025-11-23T10:15:01.100Z\",\"type\":\"platform.fault\",\"record\":\"key=hunter2\"}]")
			.getBytes(StandardCharsets.UTF_8)).events();
		assertThat(events).hasSize(3)
			.allSatisfy((event) -> assertThat(event.toString()).doesNotContain("hunter2").contains("<redacted>"));
		assertThat(((LogRecord) events.get(0)).message()).isEqualTo("password=hunter2");
	}

}
