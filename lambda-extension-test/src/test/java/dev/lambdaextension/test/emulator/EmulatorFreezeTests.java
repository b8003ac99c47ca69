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

import static org.assertj.core.api.Assertions.assertThat;

class EmulatorFreezeTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private LambdaEmulator emulator;

	private ApiClient client;

	private TelemetryReceiver receiver;

	private final List<Map<String, Object>> seen = new ArrayList<>();

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

	@Test
	void lastReportShouldReachSubscriberOnlyAfterItReceivedShutdown() throws Exception {
		String id = subscribedExtension("INVOKE", "SHUTDOWN");
		CompletableFuture<HttpResponse<String>> first = this.client.next(id);
		Invocation invocation = this.emulator.invoke();
		first.get(10, TimeUnit.SECONDS);
		CompletableFuture<HttpResponse<String>> shutdownNext = this.client.next(id);
		invocation.awaitExtensionsDone(TIMEOUT);
		assertThat(this.emulator.isFrozen()).isTrue();
		assertThat(this.emulator.telemetry().flush(TIMEOUT)).isTrue();
		assertThat(typesSoFar()).doesNotContain("platform.report");
		this.emulator.shutdown("spindown");
		TelemetryReceiver.Received batch = awaitBatchWith("platform.report");
		assertThat(report(batch)).containsEntry("requestId", invocation.requestId());
		assertThat(batch.nanos()).isGreaterThan(handedOut("SHUTDOWN", null));
		assertThat(ApiClient.json(shutdownNext.get(10, TimeUnit.SECONDS).body())).containsEntry("eventType",
				"SHUTDOWN");
		assertThat(this.emulator.isFrozen()).isFalse();
	}

	@Test
	void reportOfInvocationShouldArriveAfterNextInvokeWasHandedOut() throws Exception {
		String id = subscribedExtension("INVOKE");
		CompletableFuture<HttpResponse<String>> first = this.client.next(id);
		Invocation one = this.emulator.invoke();
		first.get(10, TimeUnit.SECONDS);
		CompletableFuture<HttpResponse<String>> second = this.client.next(id);
		one.awaitExtensionsDone(TIMEOUT);
		assertThat(this.emulator.telemetry().flush(TIMEOUT)).isTrue();
		assertThat(typesSoFar()).doesNotContain("platform.report");
		Invocation two = this.emulator.invoke();
		assertThat(ApiClient.json(second.get(10, TimeUnit.SECONDS).body())).containsEntry("requestId",
				two.requestId());
		TelemetryReceiver.Received batch = awaitBatchWith("platform.report");
		assertThat(report(batch)).containsEntry("requestId", one.requestId());
		assertThat(batch.nanos()).isGreaterThan(handedOut("INVOKE", two.requestId()));
	}

	@Test
	void heldReportShouldWaitUntilTheNextInvokeIsActuallyHandedOut() throws Exception {
		String id = subscribedExtension("INVOKE");
		CompletableFuture<HttpResponse<String>> first = this.client.next(id);
		Invocation one = this.emulator.invoke();
		first.get(10, TimeUnit.SECONDS);
		CompletableFuture<HttpResponse<String>> parked = this.client.next(id);
		one.awaitExtensionsDone(TIMEOUT);
		this.emulator.faults().deliverUnknownEvent("RESTORE");
		parked.get(10, TimeUnit.SECONDS);
		Invocation two = this.emulator.invoke();
		assertThat(this.emulator.telemetry().flush(TIMEOUT)).isTrue();
		assertThat(typesSoFar()).doesNotContain("platform.report");
		assertThat(this.emulator.isFrozen()).isTrue();
		CompletableFuture<HttpResponse<String>> second = this.client.next(id);
		assertThat(ApiClient.json(second.get(10, TimeUnit.SECONDS).body())).containsEntry("requestId",
				two.requestId());
		TelemetryReceiver.Received batch = awaitBatchWith("platform.report");
		assertThat(report(batch)).containsEntry("requestId", one.requestId());
		assertThat(batch.nanos()).isGreaterThan(handedOut("INVOKE", two.requestId()));
	}

	@Test
	void reportShouldBeHeldEvenWithoutInvokeSubscribers() throws Exception {
		String id = subscribedExtension("SHUTDOWN");
		this.client.next(id);
		Invocation invocation = this.emulator.invoke();
		assertThat(invocation.isReported()).isTrue();
		assertThat(this.emulator.isFrozen()).isTrue();
		assertThat(this.emulator.telemetry().flush(TIMEOUT)).isTrue();
		assertThat(typesSoFar()).doesNotContain("platform.report");
		this.emulator.shutdown("spindown");
		TelemetryReceiver.Received batch = awaitBatchWith("platform.report");
		assertThat(batch.nanos()).isGreaterThan(handedOut("SHUTDOWN", null));
	}

	@Test
	void timedOutInvocationShouldReleaseRuntimeDoneAndReportAfterShutdown() throws Exception {
		String id = subscribedExtension("INVOKE", "SHUTDOWN");
		CompletableFuture<HttpResponse<String>> first = this.client.next(id);
		Invocation invocation = this.emulator.invoke(InvokeRequest.builder()
			.status(InvocationStatus.TIMEOUT)
			.functionTimeout(Duration.ofSeconds(1))
			.build());
		first.get(10, TimeUnit.SECONDS);
		this.client.next(id);
		invocation.awaitExtensionsDone(TIMEOUT);
		assertThat(this.emulator.telemetry().flush(TIMEOUT)).isTrue();
		assertThat(typesSoFar()).doesNotContain("platform.runtimeDone", "platform.report");
		this.emulator.shutdown("timeout");
		TelemetryReceiver.Received batch = awaitBatchWith("platform.report");
		List<Map<String, Object>> events = ApiClient.jsonArray(batch.body());
		assertThat(events).extracting((event) -> event.get("type"))
			.containsSubsequence("platform.runtimeDone", "platform.report");
		assertThat(events).filteredOn((event) -> event.get("type").toString().matches("platform\\.(runtimeDone|report)"))
			.allSatisfy((event) -> assertThat(record(event)).containsEntry("status", "timeout"));
		assertThat(batch.nanos()).isGreaterThan(handedOut("SHUTDOWN", null));
	}

	@Test
	void resetDuringUnfinishedInvokeShouldReleaseItsReportAfterShutdown() throws Exception {
		String id = subscribedExtension("INVOKE", "SHUTDOWN");
		CompletableFuture<HttpResponse<String>> first = this.client.next(id);
		Invocation invocation = this.emulator.invoke(InvokeRequest.builder().status(InvocationStatus.TIMEOUT).build());
		first.get(10, TimeUnit.SECONDS);
		assertThat(this.emulator.isFrozen()).isFalse();
		this.emulator.shutdown("timeout");
		assertThat(invocation.isReported()).isTrue();
		assertThat(this.emulator.telemetry().flush(TIMEOUT)).isTrue();
		assertThat(typesSoFar()).doesNotContain("platform.runtimeDone", "platform.report");
		this.client.next(id);
		TelemetryReceiver.Received batch = awaitBatchWith("platform.report");
		assertThat(ApiClient.jsonArray(batch.body())).extracting((event) -> event.get("type"))
			.contains("platform.runtimeDone");
		assertThat(batch.nanos()).isGreaterThan(handedOut("SHUTDOWN", null));
	}

	private String subscribedExtension(String... events) {
		String id = this.client.registerId("ext-a", events);
		HttpResponse<String> response = this.client.subscribe(LambdaEmulator.TELEMETRY_PATH, id,
				"{\"schemaVersion\":\"2022-12-13\",\"types\":[\"platform\"],\"buffering\":{\"timeoutMs\":25},"
						+ "\"destination\":{\"protocol\":\"HTTP\",\"URI\":\"" + this.receiver.sandboxUri() + "\"}}");
		assertThat(response.statusCode()).isEqualTo(200);
		return id;
	}

	private long handedOut(String eventType, String requestId) {
		this.emulator.await(eventType + " to be handed out", TIMEOUT,
				() -> this.emulator.history().handedOutEvents().stream().anyMatch((event) -> matches(event, eventType, requestId)));
		return this.emulator.history().handedOutEvents()
			.stream()
			.filter((event) -> matches(event, eventType, requestId))
			.findFirst()
			.orElseThrow()
			.handedOutNanos();
	}

	private static boolean matches(HandedOutEvent event, String eventType, String requestId) {
		return event.eventType().equals(eventType) && (requestId == null || event.body().contains(requestId));
	}

	private List<Object> typesSoFar() {
		TelemetryReceiver.Received batch;
		while ((batch = this.receiver.pollNow()) != null) {
			this.seen.addAll(ApiClient.jsonArray(batch.body()));
		}
		return this.seen.stream().map((event) -> event.get("type")).toList();
	}

	private TelemetryReceiver.Received awaitBatchWith(String type) throws InterruptedException {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (true) {
			TelemetryReceiver.Received batch = this.receiver
				.poll(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
			List<Map<String, Object>> events = ApiClient.jsonArray(batch.body());
			this.seen.addAll(events);
			if (events.stream().anyMatch((event) -> type.equals(event.get("type")))) {
				return batch;
			}
		}
	}

	private static Map<String, Object> report(TelemetryReceiver.Received batch) {
		return ApiClient.jsonArray(batch.body())
			.stream()
			.filter((event) -> "platform.report".equals(event.get("type")))
			.map(EmulatorFreezeTests::record)
			.findFirst()
			.orElseThrow();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> record(Map<String, Object> event) {
		return (Map<String, Object>) event.get("record");
	}

}
