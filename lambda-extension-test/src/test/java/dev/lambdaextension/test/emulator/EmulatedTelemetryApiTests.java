package dev.lambdaextension.test.emulator;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.lambdaextension.test.support.ApiClient;
import dev.lambdaextension.test.support.TelemetryReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class EmulatedTelemetryApiTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private LambdaEmulator emulator;

	private ApiClient client;

	private TelemetryReceiver receiver;

	@BeforeEach
	void setUp() {
		this.emulator = LambdaEmulator.builder().build();
		this.client = new ApiClient(this.emulator.runtimeApi());
		this.receiver = new TelemetryReceiver();
	}

	@AfterEach
	void tearDown() {
		this.emulator.close();
		this.receiver.close();
	}

	private String body(String schema, String types, String buffering, String uri) {
		return "{\"schemaVersion\":\"" + schema + "\",\"types\":" + types
				+ ((buffering != null) ? ",\"buffering\":" + buffering : "")
				+ ",\"destination\":{\"protocol\":\"HTTP\",\"URI\":\"" + uri + "\"}}";
	}

	private HttpResponse<String> subscribe(String id, String body) {
		return this.client.subscribe(LambdaEmulator.TELEMETRY_PATH, id, body);
	}

	@Test
	void subscribeShouldAnswerOkAndRecordSubscription() {
		String id = this.client.registerId("ext-a", "INVOKE");
		String body = body("2025-01-29", "[\"platform\",\"function\"]",
				"{\"maxItems\":1000,\"maxBytes\":262144,\"timeoutMs\":25}", this.receiver.sandboxUri());
		HttpResponse<String> response = subscribe(id, body);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("\"OK\"");
		assertThat(this.emulator.telemetry().subscriptions()).singleElement().satisfies((subscription) -> {
			assertThat(subscription.extensionName()).isEqualTo("ext-a");
			assertThat(subscription.types()).containsExactly("platform", "function");
			assertThat(subscription.maxItems()).isEqualTo(1000);
			assertThat(subscription.timeoutMs()).isEqualTo(25);
			assertThat(subscription.deliveryUri().toString())
				.isEqualTo("http://127.0.0.1:" + this.receiver.port() + "/telemetry");
			assertThat(subscription.rawBody()).isEqualTo(body);
		});
	}

	@Test
	void subscribeWithoutBufferingShouldUseDefaults() {
		String id = this.client.registerId("ext-a", "INVOKE");
		assertThat(subscribe(id, body("2022-07-01", "[\"platform\"]", null, this.receiver.sandboxUri())).statusCode())
			.isEqualTo(200);
		EmulatedTelemetrySubscription subscription = this.emulator.telemetry().subscriptions().get(0);
		assertThat(subscription.maxItems()).isEqualTo(10000);
		assertThat(subscription.maxBytes()).isEqualTo(262144);
		assertThat(subscription.timeoutMs()).isEqualTo(1000);
	}

	@ParameterizedTest
	@CsvSource({ "maxItems,999,400", "maxItems,1000,200", "maxItems,10000,200", "maxItems,10001,400",
			"maxBytes,262143,400", "maxBytes,262144,200", "maxBytes,1048576,200", "maxBytes,1048577,400",
			"timeoutMs,24,400", "timeoutMs,25,200", "timeoutMs,30000,200", "timeoutMs,30001,400" })
	void subscribeShouldValidateBufferingRanges(String key, int value, int expectedStatus) {
		String id = this.client.registerId("ext-a", "INVOKE");
		HttpResponse<String> response = subscribe(id, body("2022-12-13", "[\"platform\"]",
				"{\"" + key + "\":" + value + "}", this.receiver.sandboxUri()));
		assertThat(response.statusCode()).isEqualTo(expectedStatus);
		if (expectedStatus == 400) {
			assertThat(ApiClient.json(response.body())).containsEntry("errorType", "ValidationError");
			assertThat(ApiClient.json(response.body()).get("errorMessage").toString()).contains(key);
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "2021-01-01|[\"platform\"]|http://sandbox.localdomain:PORT/t|schemaVersion",
			"2022-07-01|[]|http://sandbox.localdomain:PORT/t|types should not be empty",
			"2022-07-01|[\"logs\"]|http://sandbox.localdomain:PORT/t|unknown type",
			"2022-07-01|[\"platform\"]|http://sandbox.localdomain/t|URI port is not provided",
			"2022-07-01|[\"platform\"]|https://sandbox.localdomain:PORT/t|scheme",
			"2022-07-01|[\"platform\"]|http://example.com:PORT/t|host" })
	void subscribeShouldRejectInvalidRequests(String schema, String types, String uri, String message) {
		String id = this.client.registerId("ext-a", "INVOKE");
		HttpResponse<String> response = subscribe(id,
				body(schema, types, null, uri.replace("PORT", String.valueOf(this.receiver.port()))));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(ApiClient.json(response.body())).containsEntry("errorType", "ValidationError");
		assertThat(ApiClient.json(response.body()).get("errorMessage").toString()).contains(message);
	}

	@Test
	void subscribeShouldAcceptLoopbackHosts() {
		String id = this.client.registerId("ext-a", "INVOKE");
		assertThat(subscribe(id, body("2022-07-01", "[\"platform\"]", null,
				"http://localhost:" + this.receiver.port())).statusCode()).isEqualTo(200);
	}

	@Test
	void subscribeTwiceShouldFailWith500() {
		String id = this.client.registerId("ext-a", "INVOKE");
		String body = body("2022-07-01", "[\"platform\"]", null, this.receiver.sandboxUri());
		assertThat(subscribe(id, body).statusCode()).isEqualTo(200);
		assertThat(subscribe(id, body).statusCode()).isEqualTo(500);
	}

	@Test
	void subscribeWithoutIdentifierShouldBeRefused() {
		HttpResponse<String> response = subscribe(null, body("2022-07-01", "[\"platform\"]", null,
				this.receiver.sandboxUri()));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(ApiClient.json(response.body())).containsEntry("errorType", "Extension.MissingExtensionIdentifier");
	}

	@Test
	void refusedSchemaVersionShouldAllowFallback() {
		try (LambdaEmulator old = LambdaEmulator.builder().refuseSchemaVersions("2025-01-29").build()) {
			ApiClient oldClient = new ApiClient(old.runtimeApi());
			String id = oldClient.registerId("ext-a", "INVOKE");
			assertThat(oldClient.subscribe(LambdaEmulator.TELEMETRY_PATH, id,
					body("2025-01-29", "[\"platform\"]", null, this.receiver.sandboxUri())).statusCode()).isEqualTo(400);
			assertThat(oldClient.subscribe(LambdaEmulator.TELEMETRY_PATH, id,
					body("2022-12-13", "[\"platform\"]", null, this.receiver.sandboxUri())).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void notSupportedModeShouldAnswer202() {
		try (LambdaEmulator unsupported = LambdaEmulator.builder().telemetrySupported(false).build()) {
			ApiClient unsupportedClient = new ApiClient(unsupported.runtimeApi());
			String id = unsupportedClient.registerId("ext-a", "INVOKE");
			HttpResponse<String> response = unsupportedClient.subscribe(LambdaEmulator.TELEMETRY_PATH, id,
					body("2022-07-01", "[\"platform\"]", null, this.receiver.sandboxUri()));
			assertThat(response.statusCode()).isEqualTo(202);
			assertThat(ApiClient.json(response.body())).containsEntry("errorType", "Telemetry.NotSupported")
				.containsEntry("errorMessage", "Telemetry API is not supported");
		}
	}

	@Test
	void subscribeAfterInitShouldBeClosed() {
		String id = this.client.registerId("ext-a", "INVOKE");
		this.client.next(id);
		this.emulator.awaitInitComplete(TIMEOUT);
		HttpResponse<String> response = subscribe(id, body("2022-07-01", "[\"platform\"]", null,
				this.receiver.sandboxUri()));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(ApiClient.json(response.body())).containsEntry("errorType", "Telemetry.SubscriptionClosed")
			.containsEntry("errorMessage", "Telemetry API subscription is closed already");
	}

	@Test
	void logsAndTelemetrySubscriptionsShouldBeExclusive() {
		String id = this.client.registerId("ext-a", "INVOKE");
		assertThat(this.client.subscribe(LambdaEmulator.LOGS_PATH, id,
				"{\"types\":[\"platform\"],\"destination\":{\"protocol\":\"HTTP\",\"URI\":\"" + this.receiver.sandboxUri()
						+ "\"}}")
			.statusCode()).isEqualTo(200);
		assertThat(subscribe(id, body("2022-07-01", "[\"platform\"]", null, this.receiver.sandboxUri())).statusCode())
			.isEqualTo(403);
	}

	@Test
	void batchShouldBeSentWhenMaxItemsIsReached() throws Exception {
		String id = this.client.registerId("ext-a", "INVOKE");
		subscribe(id, body("2022-07-01", "[\"function\"]", "{\"maxItems\":1000,\"timeoutMs\":30000}",
				this.receiver.sandboxUri()));
		List<String> events = new ArrayList<>();
		for (int i = 0; i < 1001; i++) {
			events.add("{\"time\":\"2025-11-23T10:15:01.100Z\",\"type\":\"function\",\"record\":\"line " + i + "\"}");
		}
		this.emulator.telemetry().emit(events);
		TelemetryReceiver.Received batch = this.receiver.poll(TIMEOUT);
		assertThat(batch.method()).isEqualTo("POST");
		assertThat(batch.contentType()).isEqualTo("application/json");
		List<Map<String, Object>> items = ApiClient.jsonArray(batch.body());
		assertThat(items).hasSize(1000);
		assertThat(items.get(0)).containsEntry("type", "function").containsEntry("record", "line 0");
		assertThat(this.receiver.pollNow()).isNull();
		assertThat(this.emulator.telemetry().flush(TIMEOUT)).isTrue();
		assertThat(ApiClient.jsonArray(this.receiver.poll(TIMEOUT).body())).hasSize(1);
		assertThat(this.emulator.telemetry().deliveredBatches()).extracting(DeliveredBatch::itemCount).containsExactly(1000, 1);
	}

	@Test
	void batchShouldBeSentWhenTimeoutElapses() throws Exception {
		String id = this.client.registerId("ext-a", "INVOKE");
		subscribe(id, body("2022-07-01", "[\"extension\"]", "{\"timeoutMs\":300}", this.receiver.sandboxUri()));
		long start = System.nanoTime();
		this.emulator.telemetry().emitExtensionLog("first");
		this.emulator.telemetry().emitExtensionLog("second");
		TelemetryReceiver.Received batch = this.receiver.poll(TIMEOUT);
		assertThat(Duration.ofNanos(batch.nanos() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
		assertThat(ApiClient.jsonArray(batch.body())).extracting((item) -> item.get("record"))
			.containsExactly("first", "second");
	}

	@Test
	void initEventsShouldBeReplayedAndStreamsFiltered() throws Exception {
		String id = this.client.registerId("ext-a", "INVOKE");
		subscribe(id, body("2022-07-01", "[\"platform\"]", "{\"timeoutMs\":25}", this.receiver.sandboxUri()));
		CompletableFuture<HttpResponse<String>> next = this.client.next(id);
		this.emulator.awaitInitComplete(TIMEOUT);
		Invocation invocation = this.emulator.invoke(InvokeRequest.builder().log("hello").build());
		next.get(10, TimeUnit.SECONDS);
		this.client.next(id);
		invocation.awaitExtensionsDone(TIMEOUT);
		// The extension called next at once, so the environment may freeze before the invocation's batch is due:
		// what was held then arrives after SHUTDOWN, in order, with the report.
		this.emulator.shutdown("spindown");
		List<Map<String, Object>> events = new ArrayList<>();
		while (events.stream().noneMatch((event) -> "platform.report".equals(event.get("type")))) {
			events.addAll(ApiClient.jsonArray(this.receiver.poll(TIMEOUT).body()));
		}
		assertThat(events).extracting((event) -> event.get("type"))
			.containsExactly("platform.initStart", "platform.telemetrySubscription", "platform.initRuntimeDone",
					"platform.extension", "platform.initReport", "platform.start", "platform.runtimeDone",
					"platform.report");
		assertThat(events.get(0).get("time").toString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
		Map<String, Object> reportEvent = events.get(events.size() - 1);
		assertThat(reportEvent).containsEntry("type", "platform.report");
		@SuppressWarnings("unchecked")
		Map<String, Object> report = (Map<String, Object>) reportEvent.get("record");
		assertThat(report).containsEntry("requestId", invocation.requestId()).containsEntry("status", "success");
		assertThat(report.get("metrics").toString()).contains("durationMs", "billedDurationMs",
				"memorySizeMB", "maxMemoryUsedMB", "initDurationMs");
	}

	@Test
	void jsonLogFormatShouldProduceObjectRecordsForNewSchemas() throws Exception {
		try (LambdaEmulator json = LambdaEmulator.builder().logFormat(LogFormat.JSON).build();
				TelemetryReceiver oldReceiver = new TelemetryReceiver()) {
			ApiClient jsonClient = new ApiClient(json.runtimeApi());
			String newId = jsonClient.registerId("new", "INVOKE");
			String oldId = jsonClient.registerId("old", "INVOKE");
			jsonClient.subscribe(LambdaEmulator.TELEMETRY_PATH, newId,
					body("2022-12-13", "[\"function\"]", "{\"timeoutMs\":25}", this.receiver.sandboxUri()));
			jsonClient.subscribe(LambdaEmulator.TELEMETRY_PATH, oldId,
					body("2022-07-01", "[\"function\"]", "{\"timeoutMs\":25}", oldReceiver.sandboxUri()));
			jsonClient.next(newId);
			jsonClient.next(oldId);
			json.invoke(InvokeRequest.builder().log(EmulatedFunctionLog.error("boom")).build());
			Map<String, Object> structured = ApiClient.jsonArray(this.receiver.poll(TIMEOUT).body()).get(0);
			assertThat(structured.get("record")).isInstanceOf(Map.class);
			@SuppressWarnings("unchecked")
			Map<String, Object> record = (Map<String, Object>) structured.get("record");
			assertThat(record).containsEntry("level", "ERROR").containsEntry("message", "boom");
			Map<String, Object> text = ApiClient.jsonArray(oldReceiver.poll(TIMEOUT).body()).get(0);
			assertThat(text.get("record")).isInstanceOf(String.class);
		}
	}

	@Test
	void telemetryHeldSinceInitShouldBeDeliveredOnlyAfterShutdownWasHandedOut() throws Exception {
		String id = this.client.registerId("ext-a", "SHUTDOWN");
		subscribe(id, body("2022-07-01", "[\"platform\"]", "{\"timeoutMs\":100}", this.receiver.sandboxUri()));
		CompletableFuture<HttpResponse<String>> next = this.client.next(id);
		this.emulator.awaitInitComplete(TIMEOUT);
		assertThat(this.emulator.isFrozen()).isTrue();
		assertThat(this.emulator.telemetry().flush(TIMEOUT)).isTrue();
		assertThat(this.receiver.pollNow()).isNull();
		this.emulator.shutdown("timeout", Duration.ofMillis(2000));
		TelemetryReceiver.Received batch = this.receiver.poll(TIMEOUT);
		assertThat(ApiClient.jsonArray(batch.body())).extracting((event) -> event.get("type"))
			.contains("platform.initStart", "platform.initReport");
		assertThat(batch.nanos())
			.isGreaterThan(this.emulator.history().awaitHandedOut("ext-a", "SHUTDOWN", TIMEOUT).handedOutNanos());
		assertThat(ApiClient.json(next.get(10, TimeUnit.SECONDS).body())).containsEntry("shutdownReason", "timeout");
	}

	@Test
	void failedDeliveryShouldBeRetriedThenDropped() throws Exception {
		this.receiver.answer(500);
		String id = this.client.registerId("ext-a", "INVOKE");
		subscribe(id, body("2022-07-01", "[\"function\"]", "{\"timeoutMs\":25}", this.receiver.sandboxUri()));
		this.emulator.telemetry().emit("{\"time\":\"2025-11-23T10:15:01.100Z\",\"type\":\"function\",\"record\":\"x\"}");
		for (int i = 0; i < 3; i++) {
			this.receiver.poll(TIMEOUT);
		}
		this.receiver.answer(200);
		TelemetryReceiver.Received dropped = this.receiver.poll(TIMEOUT);
		assertThat(ApiClient.jsonArray(dropped.body())).singleElement()
			.satisfies((event) -> assertThat(event).containsEntry("type", "platform.logsDropped"));
		assertThat(this.emulator.telemetry().deliveredBatches()).extracting(DeliveredBatch::status).startsWith(500, 500, 500);
	}

	@Test
	void postToSubscriberShouldReturnListenerStatus() {
		String id = this.client.registerId("ext-a", "INVOKE");
		subscribe(id, body("2022-07-01", "[\"platform\"]", null, this.receiver.sandboxUri()));
		this.receiver.answer(400);
		assertThat(this.emulator.telemetry().postToSubscriber("ext-a", "[{not json")).isEqualTo(400);
	}

}
