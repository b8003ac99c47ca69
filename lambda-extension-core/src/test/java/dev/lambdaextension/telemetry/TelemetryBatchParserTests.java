package dev.lambdaextension.telemetry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.lambdaextension.telemetry.TelemetryBatchParser.ParsedBatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TelemetryBatchParser}.
 */
class TelemetryBatchParserTests {

	private static final String REQUEST_ID = "8f5c2e9a-1b3d-4c6e-9a7b-2d4f6e8a0c1e";

	private static final String TRACE_VALUE = "Root=1-6741a2b3-0123456789abcdef01234567;Parent=89abcdef01234567;Sampled=1";

	private static final String INIT_START = """
			{"time":"2025-11-23T10:15:00.010Z","type":"platform.initStart","record":{"initializationType":"on-demand",\
			"phase":"init","runtimeVersion":"java:21.v30","runtimeVersionArn":"arn:aws:lambda:eu-west-1::runtime:0abc",\
			"functionName":"orders-api","functionVersion":"$LATEST","instanceId":"2025/11/23/[$LATEST]4d1c",\
			"instanceMaxMemory":512}}""";

	private static final String START = """
			{"time":"2025-11-23T10:15:01.000Z","type":"platform.start","record":{"requestId":"8f5c2e9a-1b3d-4c6e-9a7b-2d4f6e8a0c1e",\
			"version":"$LATEST","tracing":{"spanId":"1a2b3c4d5e6f7081","type":"X-Amzn-Trace-Id",\
			"value":"Root=1-6741a2b3-0123456789abcdef01234567;Parent=89abcdef01234567;Sampled=1"}}}""";

	private static final String RUNTIME_DONE = """
			{"time":"2025-11-23T10:15:01.250Z","type":"platform.runtimeDone","record":{"requestId":"8f5c2e9a-1b3d-4c6e-9a7b-2d4f6e8a0c1e",\
			"status":"success","metrics":{"durationMs":249.7,"producedBytes":42},"spans":[{"name":"responseLatency",\
			"start":"2025-11-23T10:15:01.001Z","durationMs":240.1},{"name":"responseDuration",\
			"start":"2025-11-23T10:15:01.241Z","durationMs":0.3}],"tracing":{"spanId":"1a2b3c4d5e6f7081",\
			"type":"X-Amzn-Trace-Id","value":"Root=1-6741a2b3-0123456789abcdef01234567;Parent=89abcdef01234567;Sampled=1"}}}""";

	private static final String REPORT = """
			{"time":"2025-11-23T10:15:01.300Z","type":"platform.report","record":{"requestId":"8f5c2e9a-1b3d-4c6e-9a7b-2d4f6e8a0c1e",\
			"status":"success","metrics":{"durationMs":251.42,"billedDurationMs":252,"memorySizeMB":512,\
			"maxMemoryUsedMB":141,"initDurationMs":1893.55},"spans":[{"name":"extensionOverhead",\
			"start":"2025-11-23T10:15:01.251Z","durationMs":1.2}]}}""";

	private final TelemetryBatchParser parser = new TelemetryBatchParser();

	@Test
	void parseShouldReadInitStartFromTheSpecExample() {
		PlatformInitStart event = single(INIT_START, PlatformInitStart.class);
		assertThat(event.type()).isEqualTo("platform.initStart");
		assertThat(event.time()).isEqualTo(Instant.parse("2025-11-23T10:15:00.010Z"));
		assertThat(event.initializationType()).isEqualTo("on-demand");
		assertThat(event.phase()).isEqualTo("init");
		assertThat(event.functionName()).isEqualTo("orders-api");
		assertThat(event.functionVersion()).isEqualTo("$LATEST");
		assertThat(event.instanceId()).isEqualTo("2025/11/23/[$LATEST]4d1c");
		assertThat(event.instanceMaxMemory()).isEqualTo(512L);
		assertThat(event.runtimeVersion()).isEqualTo("java:21.v30");
		assertThat(event.runtimeVersionArn()).isEqualTo("arn:aws:lambda:eu-west-1::runtime:0abc");
		assertThat(event.record().get("functionName").asString()).isEqualTo("orders-api");
	}

	@Test
	void parseShouldReadInitStartOfTheOldestSchema() {
		PlatformInitStart event = single("""
				{"time":"2022-10-12T00:00:15.064Z","type":"platform.initStart",\
				"record":{"initializationType":"on-demand","phase":"init"}}""", PlatformInitStart.class);
		assertThat(event.initializationType()).isEqualTo("on-demand");
		assertThat(event.functionName()).isNull();
		assertThat(event.functionVersion()).isNull();
		assertThat(event.instanceId()).isNull();
		assertThat(event.instanceMaxMemory()).isNull();
		assertThat(event.runtimeVersion()).isNull();
		assertThat(event.runtimeVersionArn()).isNull();
	}

	@Test
	void parseShouldReadInstanceMaxMemoryGivenAsString() {
		PlatformInitStart event = single("""
				{"time":"2025-11-23T10:15:00.010Z","type":"platform.initStart",\
				"record":{"initializationType":"snap-start","instanceMaxMemory":"1024"}}""", PlatformInitStart.class);
		assertThat(event.instanceMaxMemory()).isEqualTo(1024L);
		assertThat(event.phase()).isNull();
	}

	@Test
	void parseShouldReadInitRuntimeDone() {
		PlatformInitRuntimeDone event = single("""
				{"time":"2025-11-23T10:15:00.900Z","type":"platform.initRuntimeDone","record":{"initializationType":"on-demand",\
				"phase":"init","status":"success","spans":[{"name":"someTimeSpan","start":"2025-11-23T10:15:00.100Z",\
				"durationMs":70.5}]}}""", PlatformInitRuntimeDone.class);
		assertThat(event.type()).isEqualTo("platform.initRuntimeDone");
		assertThat(event.initializationType()).isEqualTo("on-demand");
		assertThat(event.phase()).isEqualTo("init");
		assertThat(event.status()).isEqualTo("success");
		assertThat(event.isSuccess()).isTrue();
		assertThat(event.errorType()).isNull();
		assertThat(event.spans()).containsExactly(
				new Span("someTimeSpan", Instant.parse("2025-11-23T10:15:00.100Z"), 70.5));
	}

	@Test
	void parseShouldReadInitRuntimeDoneWithoutPhaseAndWithError() {
		PlatformInitRuntimeDone event = single("""
				{"time":"2025-11-23T10:15:00.900Z","type":"platform.initRuntimeDone",\
				"record":{"initializationType":"on-demand","status":"error","errorType":"Runtime.ExitError"}}""",
				PlatformInitRuntimeDone.class);
		assertThat(event.phase()).isNull();
		assertThat(event.isSuccess()).isFalse();
		assertThat(event.errorType()).isEqualTo("Runtime.ExitError");
		assertThat(event.spans()).isEmpty();
	}

	@Test
	void parseShouldReadInitReport() {
		PlatformInitReport event = single("""
				{"time":"2025-11-23T10:15:00.950Z","type":"platform.initReport","record":{"initializationType":"provisioned-concurrency",\
				"phase":"init","status":"success","metrics":{"durationMs":893.25}}}""", PlatformInitReport.class);
		assertThat(event.type()).isEqualTo("platform.initReport");
		assertThat(event.initializationType()).isEqualTo("provisioned-concurrency");
		assertThat(event.metrics()).isEqualTo(new InitReportMetrics(893.25));
		assertThat(event.isSuccess()).isTrue();
	}

	@Test
	void parseShouldReadInitReportWithoutStatusNorMetrics() {
		PlatformInitReport event = single("""
				{"time":"2025-11-23T10:15:00.950Z","type":"platform.initReport",\
				"record":{"initializationType":"on-demand","phase":"invoke"}}""", PlatformInitReport.class);
		assertThat(event.status()).isNull();
		assertThat(event.isSuccess()).isFalse();
		assertThat(event.metrics()).isNull();
		assertThat(event.phase()).isEqualTo("invoke");
	}

	@Test
	void parseShouldReadStartFromTheSpecExample() {
		PlatformStart event = single(START, PlatformStart.class);
		assertThat(event.type()).isEqualTo("platform.start");
		assertThat(event.requestId()).isEqualTo(REQUEST_ID);
		assertThat(event.version()).isEqualTo("$LATEST");
		assertThat(event.tracing()).isEqualTo(new TraceContext("1a2b3c4d5e6f7081", "X-Amzn-Trace-Id", TRACE_VALUE));
		assertThat(event.tracing().isXRay()).isTrue();
		assertThat(event.tenantId()).isNull();
	}

	@Test
	void parseShouldReadStartWithoutOptionalFields() {
		PlatformStart event = single("""
				{"time":"2025-11-23T10:15:01Z","type":"platform.start","record":{"requestId":"r-1",\
				"tenantId":"tenant-7","tracing":{"type":"X-Amzn-Trace-Id","value":"Root=1-2-3"}}}""",
				PlatformStart.class);
		assertThat(event.time()).isEqualTo(Instant.parse("2025-11-23T10:15:01Z"));
		assertThat(event.version()).isNull();
		assertThat(event.tracing().spanId()).isNull();
		assertThat(event.tenantId()).isEqualTo("tenant-7");
	}

	@Test
	void parseShouldReadRuntimeDoneFromTheSpecExample() {
		PlatformRuntimeDone event = single(RUNTIME_DONE, PlatformRuntimeDone.class);
		assertThat(event.type()).isEqualTo("platform.runtimeDone");
		assertThat(event.requestId()).isEqualTo(REQUEST_ID);
		assertThat(event.isSuccess()).isTrue();
		assertThat(event.isTimeout()).isFalse();
		assertThat(event.metrics()).isEqualTo(new RuntimeDoneMetrics(249.7, 42.0));
		assertThat(event.spans()).extracting(Span::name).containsExactly("responseLatency", "responseDuration");
		assertThat(event.spans().get(0).start()).isEqualTo(Instant.parse("2025-11-23T10:15:01.001Z"));
		assertThat(event.spans().get(0).durationMs()).isEqualTo(240.1);
		assertThat(event.spans().get(0).end()).isEqualTo(Instant.parse("2025-11-23T10:15:01.241100Z"));
		assertThat(event.tracing().spanId()).isEqualTo("1a2b3c4d5e6f7081");
	}

	@Test
	void parseShouldReadRuntimeDoneWithUpperCaseTimeoutAndNoMetrics() {
		PlatformRuntimeDone event = single("""
				{"time":"2025-11-23T10:15:04.000Z","type":"platform.runtimeDone",\
				"record":{"requestId":"r-2","status":"TIMEOUT","metrics":{"durationMs":3000}}}""",
				PlatformRuntimeDone.class);
		assertThat(event.status()).isEqualTo("TIMEOUT");
		assertThat(event.isTimeout()).isTrue();
		assertThat(event.isSuccess()).isFalse();
		assertThat(event.metrics().producedBytes()).isNull();
		assertThat(event.spans()).isEmpty();
		assertThat(event.tracing()).isNull();
	}

	@Test
	void parseShouldReadReportFromTheSpecExample() {
		PlatformReport event = single(REPORT, PlatformReport.class);
		assertThat(event.type()).isEqualTo("platform.report");
		assertThat(event.requestId()).isEqualTo(REQUEST_ID);
		assertThat(event.isSuccess()).isTrue();
		assertThat(event.metrics()).isEqualTo(new ReportMetrics(251.42, 252.0, 512.0, 141.0, 1893.55, null));
		assertThat(event.spans()).containsExactly(
				new Span("extensionOverhead", Instant.parse("2025-11-23T10:15:01.251Z"), 1.2));
		assertThat(event.tracing()).isNull();
	}

	@Test
	void parseShouldReadReportWithFractionalIntegersAndUpperCaseStatus() {
		PlatformReport event = single("""
				{"time":"2025-11-23T10:15:01.300Z","type":"platform.report","record":{"requestId":"r-3","status":"Success",\
				"metrics":{"durationMs":1.5,"billedDurationMs":1.75,"memorySizeMB":128.0,"maxMemoryUsedMB":"64.5",\
				"restoreDurationMs":300.25}}}""", PlatformReport.class);
		assertThat(event.isSuccess()).isTrue();
		assertThat(event.metrics().billedDurationMs()).isEqualTo(1.75);
		assertThat(event.metrics().memorySizeMB()).isEqualTo(128.0);
		assertThat(event.metrics().maxMemoryUsedMB()).isEqualTo(64.5);
		assertThat(event.metrics().initDurationMs()).isNull();
		assertThat(event.metrics().restoreDurationMs()).isEqualTo(300.25);
	}

	@Test
	void parseShouldReadManagedInstancesReportWithOnlyDuration() {
		PlatformReport event = single("""
				{"time":"2025-11-23T10:15:01.300Z","type":"platform.report","record":{"requestId":"r-4","status":"success",\
				"metrics":{"durationMs":12.5},"spans":[{"name":"responseLatency","start":"2025-11-23T10:15:01.288Z",\
				"durationMs":11.0},{"name":"responseDuration","start":"2025-11-23T10:15:01.299Z","durationMs":0.5}]}}""",
				PlatformReport.class);
		assertThat(event.metrics()).isEqualTo(new ReportMetrics(12.5, null, null, null, null, null));
		assertThat(event.spans()).extracting(Span::name).containsExactly("responseLatency", "responseDuration");
	}

	@Test
	void parseShouldReadReportWithoutMetricsNorStatus() {
		PlatformReport event = single("""
				{"time":"2025-11-23T10:15:01.300Z","type":"platform.report","record":{"requestId":"r-4",\
				"errorType":"Runtime.ExitError","unexpected":{"nested":[1,2]}}}""", PlatformReport.class);
		assertThat(event.metrics()).isNull();
		assertThat(event.status()).isNull();
		assertThat(event.errorType()).isEqualTo("Runtime.ExitError");
		assertThat(event.record().get("unexpected").get("nested").size()).isEqualTo(2);
	}

	@Test
	void parseShouldReadRestoreEvents() {
		ParsedBatch batch = parse("""
				{"time":"2025-11-23T10:15:00.010Z","type":"platform.restoreStart","record":{"functionName":"orders-api",\
				"functionVersion":"3","instanceId":"i-1","instanceMaxMemory":"2048","runtimeVersion":"java:21.v30",\
				"runtimeVersionArn":"arn:aws:lambda:eu-west-1::runtime:0abc"}}""", """
				{"time":"2025-11-23T10:15:00.200Z","type":"platform.restoreRuntimeDone","record":{"status":"success",\
				"spans":[{"name":"restore","start":"2025-11-23T10:15:00.020Z","durationMs":150}]}}""", """
				{"time":"2025-11-23T10:15:00.250Z","type":"platform.restoreReport","record":{"status":"failure",\
				"errorType":"Runtime.Unknown","metrics":{"durationMs":230.5}}}""");
		assertThat(batch.malformed()).isZero();
		PlatformRestoreStart start = (PlatformRestoreStart) batch.events().get(0);
		assertThat(start.type()).isEqualTo("platform.restoreStart");
		assertThat(start.functionName()).isEqualTo("orders-api");
		assertThat(start.functionVersion()).isEqualTo("3");
		assertThat(start.instanceId()).isEqualTo("i-1");
		assertThat(start.instanceMaxMemory()).isEqualTo(2048L);
		assertThat(start.runtimeVersion()).isEqualTo("java:21.v30");
		assertThat(start.runtimeVersionArn()).isEqualTo("arn:aws:lambda:eu-west-1::runtime:0abc");
		PlatformRestoreRuntimeDone runtimeDone = (PlatformRestoreRuntimeDone) batch.events().get(1);
		assertThat(runtimeDone.type()).isEqualTo("platform.restoreRuntimeDone");
		assertThat(runtimeDone.isSuccess()).isTrue();
		assertThat(runtimeDone.spans()).singleElement().extracting(Span::durationMs).isEqualTo(150.0);
		PlatformRestoreReport report = (PlatformRestoreReport) batch.events().get(2);
		assertThat(report.type()).isEqualTo("platform.restoreReport");
		assertThat(report.isSuccess()).isFalse();
		assertThat(report.errorType()).isEqualTo("Runtime.Unknown");
		assertThat(report.metrics()).isEqualTo(new RestoreReportMetrics(230.5));
	}

	@Test
	void parseShouldReadRestoreStartWithoutOptionalFields() {
		PlatformRestoreStart event = single("""
				{"time":"2025-11-23T10:15:00.010Z","type":"platform.restoreStart","record":{}}""",
				PlatformRestoreStart.class);
		assertThat(event.functionName()).isNull();
		assertThat(event.instanceMaxMemory()).isNull();
	}

	@Test
	void parseShouldReadExtension() {
		PlatformExtension event = single("""
				{"time":"2025-11-23T10:15:00.800Z","type":"platform.extension",\
				"record":{"name":"my-extension","state":"Ready","events":["INVOKE","SHUTDOWN"]}}""",
				PlatformExtension.class);
		assertThat(event.type()).isEqualTo("platform.extension");
		assertThat(event.name()).isEqualTo("my-extension");
		assertThat(event.state()).isEqualTo("Ready");
		assertThat(event.isReady()).isTrue();
		assertThat(event.events()).containsExactly("INVOKE", "SHUTDOWN");
		assertThat(event.errorType()).isNull();
	}

	@Test
	void parseShouldReadFailedExtensionWithoutEvents() {
		PlatformExtension event = single("""
				{"time":"2025-11-23T10:15:00.800Z","type":"platform.extension",\
				"record":{"name":"broken","state":"InitError","errorType":"Extension.Crash"}}""",
				PlatformExtension.class);
		assertThat(event.isReady()).isFalse();
		assertThat(event.events()).isEmpty();
		assertThat(event.errorType()).isEqualTo("Extension.Crash");
	}

	@Test
	void parseShouldReadTelemetrySubscription() {
		PlatformTelemetrySubscription event = single("""
				{"time":"2025-11-23T10:15:00.020Z","type":"platform.telemetrySubscription",\
				"record":{"name":"my-extension","state":"Subscribed","types":["platform","function"]}}""",
				PlatformTelemetrySubscription.class);
		assertThat(event.type()).isEqualTo("platform.telemetrySubscription");
		assertThat(event.name()).isEqualTo("my-extension");
		assertThat(event.state()).isEqualTo("Subscribed");
		assertThat(event.types()).containsExactly("platform", "function");
	}

	@Test
	void parseShouldReadLogsDropped() {
		PlatformLogsDropped event = single("""
				{"time":"2025-11-23T10:15:02.000Z","type":"platform.logsDropped","record":{"droppedBytes":12345,\
				"droppedRecords":12.0,"reason":"Some logs were dropped because the downstream consumer is slower \
				than the logs production rate"}}""", PlatformLogsDropped.class);
		assertThat(event.type()).isEqualTo("platform.logsDropped");
		assertThat(event.droppedBytes()).isEqualTo(12345L);
		assertThat(event.droppedRecords()).isEqualTo(12L);
		assertThat(event.reason()).startsWith("Some logs were dropped");
	}

	@Test
	void parseShouldReadTextFunctionLogAndStripTrailingLineBreak() {
		FunctionLog event = single("""
				{"time":"2025-11-23T10:15:01.100Z","type":"function",\
				"record":"2025-11-23T10:15:01.100Z\\t8f5c\\tINFO\\tcreated order 42\\n"}""", FunctionLog.class);
		assertThat(event.type()).isEqualTo("function");
		assertThat(event.isJson()).isFalse();
		assertThat(event.message()).isEqualTo("2025-11-23T10:15:01.100Z\t8f5c\tINFO\tcreated order 42");
		assertThat(event.level()).isNull();
		assertThat(event.requestId()).isNull();
		assertThat(event.timestamp()).isNull();
		assertThat(event.record().isString()).isTrue();
		assertThat(event.record().stringValue()).endsWith("\n");
	}

	@Test
	void parseShouldReadJsonFunctionLog() {
		FunctionLog event = single("""
				{"time":"2025-11-23T10:15:01.100Z","type":"function","record":{"timestamp":"2025-11-23T10:15:01.099Z",\
				"level":"INFO","requestId":"8f5c2e9a-1b3d-4c6e-9a7b-2d4f6e8a0c1e","message":"created order 42",\
				"orderId":42}}""", FunctionLog.class);
		assertThat(event.isJson()).isTrue();
		assertThat(event.message()).isEqualTo("created order 42");
		assertThat(event.level()).isEqualTo("INFO");
		assertThat(event.requestId()).isEqualTo(REQUEST_ID);
		assertThat(event.timestamp()).isEqualTo(Instant.parse("2025-11-23T10:15:01.099Z"));
		assertThat(event.record().get("orderId").asInt()).isEqualTo(42);
	}

	@Test
	void parseShouldTolerateJsonLogRecordWithUnusualFields() {
		FunctionLog event = single("""
				{"time":"2025-11-23T10:15:01.100Z","type":"function",\
				"record":{"timestamp":"not a time","level":{"odd":true},"msg":"elsewhere"}}""", FunctionLog.class);
		assertThat(event.message()).isEmpty();
		assertThat(event.level()).isNull();
		assertThat(event.timestamp()).isNull();
		assertThat(event.requestId()).isNull();
	}

	@Test
	void parseShouldReadTextAndJsonExtensionLogs() {
		ParsedBatch batch = parse("""
				{"time":"2025-11-23T10:15:01.100Z","type":"extension","record":"[my-ext] started\\r\\n"}""", """
				{"time":"2025-11-23T10:15:01.200Z","type":"extension","record":{"level":"WARN","message":"slow\\n"}}""");
		assertThat(batch.events()).hasSize(2).allSatisfy((event) -> assertThat(event).isInstanceOf(ExtensionLog.class));
		LogRecord text = (LogRecord) batch.events().get(0);
		assertThat(text.type()).isEqualTo("extension");
		assertThat(text.isJson()).isFalse();
		assertThat(text.message()).isEqualTo("[my-ext] started");
		LogRecord json = (LogRecord) batch.events().get(1);
		assertThat(json.isJson()).isTrue();
		assertThat(json.message()).isEqualTo("slow");
		assertThat(json.level()).isEqualTo("WARN");
	}

	@Test
	void parseShouldKeepUnknownTypes() {
		ParsedBatch batch = parse("""
				{"time":"2025-11-23T10:15:01.100Z","type":"platform.fault","record":"RequestId: 1 Process exited"}""",
				"""
						{"time":"2025-11-23T10:15:01.200Z","type":"platform.somethingNew","record":{"a":[1,{"b":null}]}}""",
				"""
						{"time":"2025-11-23T10:15:01.300Z","type":"platform.noRecord"}""");
		assertThat(batch.malformed()).isZero();
		assertThat(batch.events()).hasSize(3).allSatisfy((event) -> assertThat(event).isInstanceOf(UnknownTelemetryEvent.class));
		UnknownTelemetryEvent fault = (UnknownTelemetryEvent) batch.events().get(0);
		assertThat(fault.type()).isEqualTo("platform.fault");
		assertThat(fault.time()).isEqualTo(Instant.parse("2025-11-23T10:15:01.100Z"));
		assertThat(fault.record().stringValue()).isEqualTo("RequestId: 1 Process exited");
		assertThat(batch.events().get(1).type()).isEqualTo("platform.somethingNew");
		assertThat(batch.events().get(1).record().get("a").get(1).has("b")).isTrue();
		assertThat(batch.events().get(2).record().isMissingNode()).isTrue();
	}

	@Test
	void parseShouldKeepUnknownTypesWithNullRecordButSkipKnownOnes() {
		ParsedBatch batch = parse("""
				{"time":"2025-11-23T10:15:01.100Z","type":"platform.fault","record":null}""", """
				{"time":"2025-11-23T10:15:01.100Z","type":"platform.start","record":null}""");
		assertThat(batch.malformed()).isOne();
		assertThat(batch.events()).singleElement().satisfies((event) -> {
			assertThat(event).isInstanceOf(UnknownTelemetryEvent.class);
			assertThat(event.record().isNull()).isTrue();
		});
	}

	@Test
	void parseShouldMatchTypesExactly() {
		UnknownTelemetryEvent event = single("""
				{"time":"2025-11-23T10:15:01.300Z","type":"Platform.Report","record":{"requestId":"r"}}""",
				UnknownTelemetryEvent.class);
		assertThat(event.type()).isEqualTo("Platform.Report");
	}

	@Test
	void parseShouldIgnoreUnknownEnvelopeFieldsAndFieldOrder() {
		PlatformStart event = single("""
				{"record":{"requestId":"r-9","extra":1},"extra":{"deep":[1,2,{"x":"y"}]},"type":"platform.start",\
				"time":"2025-11-23T10:15:01.000+02:00"}""", PlatformStart.class);
		assertThat(event.requestId()).isEqualTo("r-9");
		assertThat(event.time()).isEqualTo(Instant.parse("2025-11-23T08:15:01Z"));
	}

	@Test
	void parseShouldCountMalformedElementsAndKeepTheOthers() {
		ParsedBatch batch = parse(START, "42", "\"text\"", "null", "[1,2]", """
				{"time":"2025-11-23T10:15:01.000Z","record":{"requestId":"r"}}""", """
				{"time":"2025-11-23T10:15:01.000Z","type":7,"record":{"requestId":"r"}}""", """
				{"type":"platform.start","record":{"requestId":"r"}}""", """
				{"time":"yesterday","type":"platform.start","record":{"requestId":"r"}}""", """
				{"time":1732356901000,"type":"platform.start","record":{"requestId":"r"}}""", """
				{"time":"2025-11-23T10:15:01.000Z","type":"platform.start","record":{}}""", """
				{"time":"2025-11-23T10:15:01.000Z","type":"platform.start","record":"r"}""", """
				{"time":"2025-11-23T10:15:01.000Z","type":"platform.start"}""", """
				{"time":"2025-11-23T10:15:01.000Z","type":"platform.report","record":{"requestId":"r",\
				"metrics":{"durationMs":"fast"}}}""", """
				{"time":"2025-11-23T10:15:01.000Z","type":"platform.report","record":{"requestId":"r",\
				"metrics":{"durationMs":1}}}""", """
				{"time":"2025-11-23T10:15:01.000Z","type":"platform.runtimeDone","record":{"requestId":"r",\
				"spans":[{"name":"responseLatency","start":"soon","durationMs":1}]}}""", """
				{"time":"2025-11-23T10:15:01.000Z","type":"platform.runtimeDone","record":{"requestId":"r",\
				"tracing":"Root=1"}}""", """
				{"time":"2025-11-23T10:15:01.000Z","type":"platform.logsDropped","record":{"reason":"slow"}}""", """
				{"time":"2025-11-23T10:15:01.000Z","type":"function","record":42}""", """
				{"time":"2025-11-23T10:15:01.000Z","type":"extension"}""", REPORT);
		assertThat(batch.malformed()).isEqualTo(18);
		assertThat(batch.hasMalformed()).isTrue();
		assertThat(batch.events()).extracting(TelemetryEvent::type)
			.containsExactly("platform.start", "platform.report", "platform.report");
	}

	@Test
	void parseShouldReadACompleteColdStartBatch() {
		ParsedBatch batch = parse(INIT_START, START, RUNTIME_DONE, REPORT);
		assertThat(batch.malformed()).isZero();
		assertThat(batch.hasMalformed()).isFalse();
		assertThat(batch.events()).extracting(Object::getClass)
			.containsExactly(PlatformInitStart.class, PlatformStart.class, PlatformRuntimeDone.class,
					PlatformReport.class);
	}

	@Test
	void parseShouldAcceptAnEmptyArray() {
		ParsedBatch batch = parse();
		assertThat(batch.events()).isEmpty();
		assertThat(batch.malformed()).isZero();
	}

	@Test
	void parseShouldRejectABodyThatIsNotAnArray() {
		assertThatExceptionOfType(MalformedTelemetryException.class).isThrownBy(() -> parseBody(START))
			.withMessage("Telemetry batch must be a JSON array but was an object")
			.withNoCause();
		assertThatExceptionOfType(MalformedTelemetryException.class).isThrownBy(() -> parseBody("\"secret\""))
			.withMessageNotContaining("secret");
		assertThatExceptionOfType(MalformedTelemetryException.class).isThrownBy(() -> parseBody(""))
			.withMessage("Telemetry batch must be a JSON array but was empty");
	}

	@Test
	void parseShouldRejectInvalidJsonWithoutEchoingThePayload() {
		assertThatExceptionOfType(MalformedTelemetryException.class)
			.isThrownBy(() -> parseBody("[" + START + ", {\"type\": secretToken}]"))
			.withMessageStartingWith("Telemetry batch is not valid JSON")
			.withMessageNotContaining("secretToken")
			.withNoCause();
		assertThatExceptionOfType(MalformedTelemetryException.class).isThrownBy(() -> parseBody("[" + START))
			.withMessageStartingWith("Telemetry batch is not valid JSON");
	}

	@Test
	void parseShouldReplaceInvalidUtf8AndKeepTheBatch() {
		byte[] body = concat(("[" + START + ",{\"time\":\"2025-11-23T10:15:01.100Z\",\"type\":\"function\","
				+ "\"record\":\"caf").getBytes(StandardCharsets.UTF_8), new byte[] { (byte) 0xC3 },
				"\"}, {\"time\":\"2025-11-23T10:15:01.200Z\",\"type\":\"function\",\"record\":\"a"
					.getBytes(StandardCharsets.UTF_8),
				new byte[] { (byte) 0xFF, (byte) 0x80 }, "b \u00e9t\u00e9\"}]".getBytes(StandardCharsets.UTF_8));
		ParsedBatch batch = this.parser.parse(body);
		assertThat(batch.malformed()).isZero();
		assertThat(batch.events()).hasSize(3);
		assertThat(batch.events().get(1)).isInstanceOfSatisfying(FunctionLog.class,
				(log) -> assertThat(log.message()).isEqualTo("caf\uFFFD"));
		assertThat(batch.events().get(2)).isInstanceOfSatisfying(FunctionLog.class,
				(log) -> assertThat(log.message()).isEqualTo("a\uFFFD\uFFFDb \u00e9t\u00e9"));
	}

	@Test
	void parseShouldReplaceInvalidUtf8InFieldNamesAndSkippedValues() {
		byte[] body = concat(("[{\"time\":\"2025-11-23T10:15:01.100Z\",\"x").getBytes(StandardCharsets.UTF_8),
				new byte[] { (byte) 0xE2, (byte) 0x28 },
				"\":\"skipped\",\"type\":\"function\",\"record\":\"ok\"}]".getBytes(StandardCharsets.UTF_8));
		ParsedBatch batch = this.parser.parse(body);
		assertThat(batch.events()).singleElement()
			.isInstanceOfSatisfying(FunctionLog.class, (log) -> assertThat(log.message()).isEqualTo("ok"));
	}

	@Test
	void parseShouldStillRejectInvalidJsonThatIsAlsoInvalidUtf8() {
		byte[] body = concat("[{\"type\": ".getBytes(StandardCharsets.UTF_8), new byte[] { (byte) 0xFF },
				"}]".getBytes(StandardCharsets.UTF_8));
		assertThatExceptionOfType(MalformedTelemetryException.class).isThrownBy(() -> this.parser.parse(body))
			.withMessageStartingWith("Telemetry batch is not valid JSON")
			.withNoCause();
	}

	@Test
	void parseShouldReadFromAStreamWithoutClosingIt() {
		AtomicBoolean closed = new AtomicBoolean();
		byte[] body = ("[" + START + "," + REPORT + "]").getBytes(StandardCharsets.UTF_8);
		InputStream stream = new ByteArrayInputStream(body) {

			@Override
			public void close() throws IOException {
				closed.set(true);
				super.close();
			}

		};
		ParsedBatch batch = this.parser.parse(stream);
		assertThat(batch.events()).hasSize(2);
		assertThat(closed).isFalse();
	}

	@Test
	void parseShouldReportStreamFailuresAsIoErrors() {
		InputStream failing = new InputStream() {

			@Override
			public int read() throws IOException {
				throw new IOException("broken pipe");
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				throw new IOException("broken pipe");
			}

		};
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> this.parser.parse(failing))
			.withRootCauseInstanceOf(IOException.class);
	}

	@Test
	void parseShouldUseTheGivenMapper() {
		TelemetryBatchParser custom = new TelemetryBatchParser(JsonMapper.builder().build());
		ParsedBatch batch = custom.parse(("[" + REPORT + "]").getBytes(StandardCharsets.UTF_8));
		assertThat(batch.events()).singleElement().isInstanceOf(PlatformReport.class);
	}

	@Test
	void parsedBatchShouldBeImmutable() {
		ParsedBatch batch = parse(START);
		assertThat(batch.events()).isUnmodifiable();
	}

	@Test
	void typedViewsShouldReportTheTypeTheyStandFor() {
		ParsedBatch batch = parse(INIT_START, START, RUNTIME_DONE, REPORT);
		assertThat(batch.events())
			.allSatisfy((event) -> assertThat(TelemetryTypes.typeOf(event.getClass())).isEqualTo(event.type()));
	}

	private <T extends TelemetryEvent> T single(String element, Class<T> type) {
		ParsedBatch batch = parse(element);
		assertThat(batch.malformed()).as("malformed").isZero();
		assertThat(batch.events()).singleElement().isInstanceOf(type);
		return type.cast(batch.events().get(0));
	}

	private ParsedBatch parse(String... elements) {
		return parseBody("[" + String.join(",", List.of(elements)) + "]");
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private ParsedBatch parseBody(String body) {
		return this.parser.parse(body.getBytes(StandardCharsets.UTF_8));
	}

}
