package dev.lambdaextension.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.lambdaextension.telemetry.TelemetryBatchParser.ParsedBatch;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for reading Logs API records with {@link TelemetryBatchParser}: the records with a
 * Telemetry API namesake become its typed view, the others {@link UnknownTelemetryEvent}s
 * of the types in {@link LogsApiTypes}.
 */
class LogsApiRecordsTests {

	private static final String BATCH = """
			[{"time":"2025-11-23T10:15:00.900Z","type":"platform.logsSubscription",\
			"record":{"name":"reporter","state":"Subscribed","types":["platform","function"]}},
			{"time":"2025-11-23T10:15:00.950Z","type":"platform.extension",\
			"record":{"name":"reporter","state":"Ready","events":["INVOKE","SHUTDOWN"]}},
			{"time":"2025-11-23T10:15:01.000Z","type":"platform.start","record":{"requestId":"r-1","version":"$LATEST"}},
			{"time":"2025-11-23T10:15:01.010Z","type":"function","record":"2025-11-23T10:15:01.010Z\\tr-1\\tINFO\\thello\\n"},
			{"time":"2025-11-23T10:15:01.020Z","type":"extension","record":"exporter ready"},
			{"time":"2025-11-23T10:15:01.100Z","type":"platform.runtimeDone","record":{"requestId":"r-1","status":"success"}},
			{"time":"2025-11-23T10:15:01.101Z","type":"platform.end","record":{"requestId":"r-1"}},
			{"time":"2025-11-23T10:15:01.102Z","type":"platform.report","record":{"requestId":"r-1",\
			"metrics":{"durationMs":101.5,"billedDurationMs":102,"memorySizeMB":512,"maxMemoryUsedMB":88,"initDurationMs":310.2}}},
			{"time":"2025-11-23T10:15:01.200Z","type":"platform.fault",\
			"record":"RequestId: r-1 Process exited before completing request"},
			{"time":"2025-11-23T10:15:01.300Z","type":"platform.logsDropped",\
			"record":{"reason":"Consumer seems to have fallen behind","droppedRecords":12,"droppedBytes":3400}}]""";

	private final ParsedBatch batch = new TelemetryBatchParser().parse(BATCH.getBytes(StandardCharsets.UTF_8));

	@Test
	void everyRecordShouldBeKept() {
		assertThat(this.batch.malformed()).isZero();
		assertThat(this.batch.events()).extracting(TelemetryEvent::type)
			.containsExactly("platform.logsSubscription", "platform.extension", "platform.start", "function",
					"extension", "platform.runtimeDone", "platform.end", "platform.report", "platform.fault",
					"platform.logsDropped");
	}

	@Test
	void recordsWithATelemetryApiNamesakeShouldHaveItsTypedView() {
		List<TelemetryEvent> events = this.batch.events();
		assertThat(events.get(1)).isInstanceOfSatisfying(PlatformExtension.class,
				(extension) -> assertThat(extension.name()).isEqualTo("reporter"));
		assertThat(events.get(2)).isInstanceOfSatisfying(PlatformStart.class, (start) -> {
			assertThat(start.requestId()).isEqualTo("r-1");
			assertThat(start.version()).isEqualTo("$LATEST");
			assertThat(start.tracing()).isNull();
		});
		assertThat(events.get(3)).isInstanceOfSatisfying(FunctionLog.class,
				(log) -> assertThat(log.message()).contains("hello"));
		assertThat(events.get(4)).isInstanceOfSatisfying(ExtensionLog.class,
				(log) -> assertThat(log.message()).isEqualTo("exporter ready"));
		assertThat(events.get(5)).isInstanceOfSatisfying(PlatformRuntimeDone.class,
				(done) -> assertThat(done.status()).isEqualTo("success"));
		assertThat(events.get(7)).isInstanceOfSatisfying(PlatformReport.class, (report) -> {
			assertThat(report.status()).isNull();
			assertThat(report.spans()).isEmpty();
			assertThat(report.metrics()).isNotNull();
			assertThat(report.metrics().durationMs()).isEqualTo(101.5);
			assertThat(report.metrics().billedDurationMs()).isEqualTo(102.0);
			assertThat(report.metrics().initDurationMs()).isEqualTo(310.2);
		});
		assertThat(events.get(9)).isInstanceOfSatisfying(PlatformLogsDropped.class,
				(dropped) -> assertThat(dropped.droppedRecords()).isEqualTo(12));
	}

	@Test
	void logsApiOnlyRecordsShouldBeUnknownEventsWithTheirRawRecord() {
		List<TelemetryEvent> events = this.batch.events();
		assertThat(List.of(events.get(0), events.get(6), events.get(8))).allSatisfy(
				(event) -> assertThat(event).isInstanceOf(UnknownTelemetryEvent.class))
			.extracting(TelemetryEvent::type)
			.containsExactlyElementsOf(List.of(LogsApiTypes.PLATFORM_LOGS_SUBSCRIPTION, LogsApiTypes.PLATFORM_END,
					LogsApiTypes.PLATFORM_FAULT));
		assertThat(events.get(8).record().asString()).isEqualTo("RequestId: r-1 Process exited before completing request");
		assertThat(events.get(6).record().get("requestId").asString()).isEqualTo("r-1");
		assertThat(LogsApiTypes.ALL).noneMatch(TelemetryTypes::isKnown).allMatch(TelemetryTypes::isPlatformType);
	}

}
