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
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the emulated Logs API ({@code PUT /2020-08-15/logs}).
 */
class EmulatedLogsApiTests {

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

	private String body(String schema, String types, String destinationExtras) {
		return "{" + ((schema != null) ? "\"schemaVersion\":\"" + schema + "\"," : "") + "\"types\":" + types
				+ ",\"buffering\":{\"timeoutMs\":25},\"destination\":{\"protocol\":\"HTTP\",\"URI\":\""
				+ this.receiver.sandboxUri() + "\"" + destinationExtras + "}}";
	}

	private HttpResponse<String> subscribe(String id, String body) {
		return this.client.subscribe(LambdaEmulator.LOGS_PATH, id, body);
	}

	@Test
	void subscribeWithoutOptionalFieldsShouldUseLambdaDefaults() {
		String id = this.client.registerId("ext-a", "INVOKE");
		HttpResponse<String> response = subscribe(id, "{\"types\":[\"platform\",\"function\"],"
				+ "\"destination\":{\"protocol\":\"HTTP\",\"URI\":\"" + this.receiver.sandboxUri() + "\"}}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("\"OK\"");
		assertThat(this.emulator.telemetry().subscriptions()).singleElement().satisfies((subscription) -> {
			assertThat(subscription.logsApi()).isTrue();
			assertThat(subscription.schemaVersion()).isEqualTo("2020-08-15");
			assertThat(subscription.types()).containsExactly("platform", "function");
			assertThat(subscription.maxItems()).isEqualTo(10000);
			assertThat(subscription.maxBytes()).isEqualTo(262144);
			assertThat(subscription.timeoutMs()).isEqualTo(1000);
			assertThat(subscription.deliveryMethod()).isEqualTo("POST");
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"{\"destination\":{\"protocol\":\"HTTP\",\"URI\":\"http://sandbox.localdomain:8082/logs\"}}|types should not be empty",
			"{\"types\":[\"logs\"],\"destination\":{\"protocol\":\"HTTP\",\"URI\":\"http://sandbox.localdomain:8082/\"}}|unknown type logs",
			"{\"types\":[\"platform\"]}|destination is required",
			"{\"types\":[\"platform\"],\"destination\":{\"protocol\":\"HTTP\",\"URI\":\"http://sandbox.localdomain/logs\"}}|URI port is not provided",
			"{\"types\":[\"platform\"],\"destination\":{\"protocol\":\"HTTP\",\"URI\":\"http://sandbox.localdomain:8082/\",\"method\":\"PATCH\"}}|destination method must be POST or PUT",
			"{\"schemaVersion\":\"2022-07-01\",\"types\":[\"platform\"],\"destination\":{\"protocol\":\"HTTP\",\"URI\":\"http://sandbox.localdomain:8082/\"}}|schemaVersion must be one of [2020-08-15, 2021-03-18]",
			"{\"types\":[\"platform\"],\"buffering\":{\"timeoutMs\":24},\"destination\":{\"protocol\":\"HTTP\",\"URI\":\"http://sandbox.localdomain:8082/\"}}|timeoutMs must be between 25 and 30000",
			"{\"types\":[\"platform\"],\"buffering\":{\"maxItems\":10001},\"destination\":{\"protocol\":\"HTTP\",\"URI\":\"http://sandbox.localdomain:8082/\"}}|maxItems must be between 1000 and 10000",
			"[]|Request body is not a valid JSON object" })
	void invalidSubscriptionShouldBeAValidationError(String body, String message) {
		String id = this.client.registerId("ext-a", "INVOKE");
		HttpResponse<String> response = subscribe(id, body);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(ApiClient.json(response.body())).containsEntry("errorType", "Logs.ValidationError");
		assertThat(ApiClient.json(response.body()).get("errorMessage").toString()).contains(message);
		assertThat(this.emulator.telemetry().subscriptions()).isEmpty();
	}

	@Test
	void subscribeAfterInitShouldBeClosed() {
		String id = this.client.registerId("ext-a", "INVOKE");
		this.client.next(id);
		this.emulator.awaitInitComplete(TIMEOUT);
		HttpResponse<String> response = subscribe(id, body(null, "[\"platform\"]", ""));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(ApiClient.json(response.body())).containsEntry("errorType", "Logs.SubscriptionClosed");
	}

	@Test
	void repeatedSubscriptionShouldBeIdempotent() throws Exception {
		String id = this.client.registerId("ext-a", "INVOKE");
		assertThat(subscribe(id, body(null, "[\"platform\"]", "")).statusCode()).isEqualTo(200);
		assertThat(subscribe(id, body(null, "[\"platform\"]", "")).statusCode()).isEqualTo(200);
		assertThat(this.emulator.telemetry().subscriptions()).hasSize(1);
		assertThat(this.emulator.telemetry().flush(TIMEOUT)).isTrue();
		assertThat(drain()).extracting((event) -> event.get("type")).containsOnlyOnce("platform.logsSubscription");
	}

	@Test
	void logsSubscriptionAfterTelemetrySubscriptionShouldBeRefused() {
		String id = this.client.registerId("ext-a", "INVOKE");
		assertThat(this.client.subscribe(LambdaEmulator.TELEMETRY_PATH, id,
				"{\"schemaVersion\":\"2022-07-01\",\"types\":[\"platform\"],\"destination\":{\"protocol\":\"HTTP\",\"URI\":\""
						+ this.receiver.sandboxUri() + "\"}}")
			.statusCode()).isEqualTo(200);
		HttpResponse<String> response = subscribe(id, body(null, "[\"platform\"]", ""));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(ApiClient.json(response.body())).containsEntry("errorType", "Logs.InvalidSubscription");
	}

	@Test
	void otherExtensionsMayUseTheOtherApi() {
		String logs = this.client.registerId("ext-logs", "INVOKE");
		String telemetry = this.client.registerId("ext-telemetry", "INVOKE");
		assertThat(subscribe(logs, body(null, "[\"platform\"]", "")).statusCode()).isEqualTo(200);
		assertThat(this.client.subscribe(LambdaEmulator.TELEMETRY_PATH, telemetry,
				"{\"schemaVersion\":\"2022-07-01\",\"types\":[\"platform\"],\"destination\":{\"protocol\":\"HTTP\",\"URI\":\""
						+ this.receiver.sandboxUri() + "\"}}")
			.statusCode()).isEqualTo(200);
	}

	@Test
	void managedInstancesShouldRefuseTheLogsApi() {
		try (LambdaEmulator managed = LambdaEmulator.builder().managedInstances(true).build()) {
			ApiClient managedClient = new ApiClient(managed.runtimeApi());
			String id = managedClient.registerId("ext-a", "SHUTDOWN");
			HttpResponse<String> response = managedClient.subscribe(LambdaEmulator.LOGS_PATH, id,
					body(null, "[\"platform\"]", ""));
			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(ApiClient.json(response.body())).containsEntry("errorType", "Logs.NotSupported");
			assertThat(managed.telemetry().subscriptions()).isEmpty();
		}
	}

	@Test
	void unsupportedTelemetryShouldAnswerNotSupported() {
		try (LambdaEmulator unsupported = LambdaEmulator.builder().telemetrySupported(false).build()) {
			ApiClient unsupportedClient = new ApiClient(unsupported.runtimeApi());
			String id = unsupportedClient.registerId("ext-a", "INVOKE");
			HttpResponse<String> response = unsupportedClient.subscribe(LambdaEmulator.LOGS_PATH, id,
					body(null, "[\"platform\"]", ""));
			assertThat(response.statusCode()).isEqualTo(202);
			assertThat(ApiClient.json(response.body())).containsEntry("errorType", "Logs.NotSupported");
		}
	}

	@Test
	void deliveryShouldUseLogsApiShapesAndTheRequestedMethod() throws Exception {
		String id = this.client.registerId("ext-a", "INVOKE", "SHUTDOWN");
		subscribe(id, body("2021-03-18", "[\"platform\",\"function\"]", ",\"method\":\"PUT\",\"encoding\":\"JSON\""));
		Invocation invocation = invokeOnce(id, InvokeRequest.builder().log("hello").build());
		List<TelemetryReceiver.Received> batches = new ArrayList<>();
		List<Map<String, Object>> events = receiveUntil("platform.report", batches);
		assertThat(batches).extracting(TelemetryReceiver.Received::method).containsOnly("PUT");
		assertThat(events).extracting((event) -> event.get("type"))
			.containsExactly("platform.logsSubscription", "platform.extension", "platform.start", "function",
					"platform.runtimeDone", "platform.end", "platform.report");
		assertThat(record(events, "platform.logsSubscription")).containsEntry("name", "ext-a")
			.containsEntry("state", "Subscribed");
		assertThat(record(events, "platform.start")).containsOnlyKeys("requestId", "version")
			.containsEntry("requestId", invocation.requestId());
		assertThat(record(events, "platform.runtimeDone")).containsOnlyKeys("requestId", "status")
			.containsEntry("status", "success");
		assertThat(record(events, "platform.end")).containsOnlyKeys("requestId");
		assertThat(events.get(3).get("record")).isInstanceOf(String.class).asString().endsWith("hello");
		Map<String, Object> report = record(events, "platform.report");
		assertThat(report).containsOnlyKeys("requestId", "metrics").containsEntry("requestId", invocation.requestId());
		assertThat(report.get("metrics")).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsKeys("durationMs", "billedDurationMs", "memorySizeMB", "maxMemoryUsedMB", "initDurationMs")
			.doesNotContainKey("producedBytes");
	}

	@Test
	void originalSchemaShouldHaveNoRuntimeDone() throws Exception {
		String id = this.client.registerId("ext-a", "INVOKE", "SHUTDOWN");
		subscribe(id, body("2020-08-15", "[\"platform\"]", ""));
		invokeOnce(id, InvokeRequest.success());
		assertThat(receiveUntil("platform.report", new ArrayList<>())).extracting((event) -> event.get("type"))
			.containsExactly("platform.logsSubscription", "platform.extension", "platform.start", "platform.end",
					"platform.report");
	}

	@Test
	void jsonLogFormatShouldStillDeliverStrings() throws Exception {
		try (LambdaEmulator json = LambdaEmulator.builder().logFormat(LogFormat.JSON).build()) {
			this.emulator.close();
			this.emulator = json;
			this.client = new ApiClient(json.runtimeApi());
			String id = this.client.registerId("ext-a", "INVOKE", "SHUTDOWN");
			subscribe(id, body("2021-03-18", "[\"function\"]", ""));
			invokeOnce(id, InvokeRequest.builder().log("hello").build());
			assertThat(receiveUntil("function", new ArrayList<>())).singleElement()
				.satisfies((event) -> assertThat(event.get("record")).isInstanceOf(String.class)
					.asString()
					.contains("\"message\":\"hello\""));
		}
	}

	@Test
	void rawEventsShouldPassThroughAndBatchesHonourMaxItems() throws Exception {
		String id = this.client.registerId("ext-a", "INVOKE");
		subscribe(id, "{\"types\":[\"platform\"],\"buffering\":{\"maxItems\":1000,\"timeoutMs\":30000},"
				+ "\"destination\":{\"protocol\":\"HTTP\",\"URI\":\"" + this.receiver.sandboxUri() + "\"}}");
		List<String> events = new ArrayList<>();
		for (int i = 0; i < 999; i++) {
			events.add("{\"time\":\"2025-11-23T10:15:01.100Z\",\"type\":\"platform.fault\",\"record\":\"fault " + i
					+ "\"}");
		}
		this.emulator.telemetry().emit(events);
		List<Map<String, Object>> batch = ApiClient.jsonArray(this.receiver.poll(TIMEOUT).body());
		assertThat(batch).hasSize(1000);
		assertThat(batch.get(0)).containsEntry("type", "platform.logsSubscription");
		assertThat(batch.get(999)).containsEntry("type", "platform.fault").containsEntry("record", "fault 998");
	}

	/**
	 * Run one invocation, then shut down, so that the freeze after the invocation cannot hold its telemetry.
	 */
	private Invocation invokeOnce(String id, InvokeRequest request) throws Exception {
		CompletableFuture<HttpResponse<String>> next = this.client.next(id);
		this.emulator.awaitInitComplete(TIMEOUT);
		Invocation invocation = this.emulator.invoke(request);
		next.get(10, TimeUnit.SECONDS);
		CompletableFuture<HttpResponse<String>> shutdown = this.client.next(id);
		invocation.awaitExtensionsDone(TIMEOUT);
		this.emulator.shutdown("spindown");
		shutdown.get(10, TimeUnit.SECONDS);
		return invocation;
	}

	private List<Map<String, Object>> receiveUntil(String type, List<TelemetryReceiver.Received> batches)
			throws InterruptedException {
		List<Map<String, Object>> events = new ArrayList<>();
		while (events.stream().noneMatch((event) -> type.equals(event.get("type")))) {
			TelemetryReceiver.Received batch = this.receiver.poll(TIMEOUT);
			batches.add(batch);
			events.addAll(ApiClient.jsonArray(batch.body()));
		}
		return events;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> record(List<Map<String, Object>> events, String type) {
		return (Map<String, Object>) events.stream()
			.filter((event) -> type.equals(event.get("type")))
			.findFirst()
			.orElseThrow()
			.get("record");
	}

	private List<Map<String, Object>> drain() {
		return drain(new ArrayList<>());
	}

	private List<Map<String, Object>> drain(List<TelemetryReceiver.Received> batches) {
		List<Map<String, Object>> events = new ArrayList<>();
		TelemetryReceiver.Received batch;
		while ((batch = this.receiver.pollNow()) != null) {
			batches.add(batch);
			events.addAll(ApiClient.jsonArray(batch.body()));
		}
		return events;
	}

}
