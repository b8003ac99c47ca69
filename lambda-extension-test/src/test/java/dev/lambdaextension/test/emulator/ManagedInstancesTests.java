package dev.lambdaextension.test.emulator;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.lambdaextension.test.launcher.ExtensionsLauncher;
import dev.lambdaextension.test.support.ApiClient;
import dev.lambdaextension.test.support.TelemetryReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ManagedInstancesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private LambdaEmulator emulator;

	private ApiClient client;

	private TelemetryReceiver receiver;

	@BeforeEach
	void setUp() {
		this.emulator = LambdaEmulator.builder().managedInstances(true).build();
		this.client = new ApiClient(this.emulator.runtimeApi());
		this.receiver = new TelemetryReceiver();
	}

	@AfterEach
	void tearDown() {
		this.emulator.close();
		this.receiver.close();
	}

	@Test
	void registeringForInvokeShouldBeRefused() {
		HttpResponse<String> response = this.client.register("ext-a", "{\"events\":[\"INVOKE\",\"SHUTDOWN\"]}");
		assertThat(response.statusCode()).isEqualTo(403);
		Map<String, Object> body = ApiClient.json(response.body());
		assertThat(body).containsEntry("errorType", "Extension.InvalidEventType");
		assertThat(body.get("errorMessage").toString()).startsWith("INVOKE: ");
		assertThat(this.client.register("ext-a", "{\"events\":[\"SHUTDOWN\"]}").statusCode()).isEqualTo(200);
	}

	@Test
	void subscriptionShouldRequireSchema20250129() {
		String id = this.client.registerId("ext-a", "SHUTDOWN");
		for (String version : List.of("2022-07-01", "2022-12-13")) {
			HttpResponse<String> refused = subscribe(id, version);
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat(ApiClient.json(refused.body())).containsEntry("errorType", "ValidationError");
		}
		assertThat(subscribe(id, "2025-01-29").statusCode()).isEqualTo(200);
	}

	@Test
	void concurrentInvocationsShouldInterleaveWithoutInvokeEventsOrFreeze() throws Exception {
		String id = this.client.registerId("ext-a", "SHUTDOWN");
		assertThat(subscribe(id, "2025-01-29").statusCode()).isEqualTo(200);
		CompletableFuture<HttpResponse<String>> next = this.client.next(id);
		this.emulator.awaitInitComplete(TIMEOUT);
		assertThat(this.emulator.isFrozen()).isFalse();
		Invocation first = this.emulator.startInvocation(InvokeRequest.builder().log("first").build());
		Invocation second = this.emulator.startInvocation(InvokeRequest.success());
		second.complete();
		first.complete();
		Invocation third = this.emulator.invoke();
		assertThat(this.emulator.isFrozen()).isFalse();
		List<Map<String, Object>> events = awaitReports(3);
		assertThat(next).isNotDone();
		assertThat(this.emulator.extension("ext-a").invokeCount()).isZero();
		List<String> sequence = events.stream()
			.filter((event) -> event.get("type").toString().matches("platform\\.(start|report|runtimeDone)"))
			.map((event) -> event.get("type") + ":" + record(event).get("requestId"))
			.toList();
		assertThat(sequence).containsExactly("platform.start:" + first.requestId(),
				"platform.start:" + second.requestId(), "platform.report:" + second.requestId(),
				"platform.report:" + first.requestId(), "platform.start:" + third.requestId(),
				"platform.report:" + third.requestId());
		Map<String, Object> report = events.stream()
			.filter((event) -> "platform.report".equals(event.get("type")))
			.map(ManagedInstancesTests::record)
			.findFirst()
			.orElseThrow();
		assertThat(report).containsOnlyKeys("requestId", "status", "metrics", "spans");
		assertThat(report.get("metrics")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsOnlyKeys("durationMs");
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> spans = (List<Map<String, Object>>) report.get("spans");
		assertThat(spans).extracting((span) -> span.get("name"))
			.containsExactly("responseLatency", "responseDuration");
		assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.shutdown("timeout"));
		this.emulator.shutdown("spindown");
		assertThat(ApiClient.json(next.get(10, TimeUnit.SECONDS).body())).containsEntry("shutdownReason",
				"spindown");
	}

	@Test
	void initTelemetryShouldCarryManagedInstancesInitializationType() throws Exception {
		String id = this.client.registerId("ext-a", "SHUTDOWN");
		subscribe(id, "2025-01-29");
		this.client.next(id);
		this.emulator.awaitInitComplete(TIMEOUT);
		List<Map<String, Object>> events = new ArrayList<>();
		while (events.stream().noneMatch((event) -> "platform.initReport".equals(event.get("type")))) {
			events.addAll(ApiClient.jsonArray(this.receiver.poll(TIMEOUT).body()));
		}
		assertThat(events).filteredOn((event) -> event.get("type").toString().startsWith("platform.init"))
			.hasSize(3)
			.allSatisfy((event) -> assertThat(record(event)).containsEntry("initializationType",
					"lambda-managed-instances"));
	}

	@Test
	void startInvocationShouldNeedManagedInstancesMode() {
		try (LambdaEmulator onDemand = LambdaEmulator.start()) {
			assertThat(onDemand.function().initializationType()).isEqualTo("on-demand");
			assertThatIllegalStateException().isThrownBy(() -> onDemand.startInvocation(InvokeRequest.success()));
			assertThatIllegalStateException().isThrownBy(() -> onDemand.invoke().complete());
		}
	}

	@Test
	void launcherShouldExportInitializationType() {
		assertThat(ExtensionsLauncher.environment(Map.of(), this.emulator, Map.of()))
			.containsEntry("AWS_LAMBDA_INITIALIZATION_TYPE", "lambda-managed-instances");
	}

	private HttpResponse<String> subscribe(String id, String schemaVersion) {
		return this.client.subscribe(LambdaEmulator.TELEMETRY_PATH, id, "{\"schemaVersion\":\"" + schemaVersion
				+ "\",\"types\":[\"platform\",\"function\"],\"buffering\":{\"timeoutMs\":25},"
				+ "\"destination\":{\"protocol\":\"HTTP\",\"URI\":\"" + this.receiver.sandboxUri() + "\"}}");
	}

	private List<Map<String, Object>> awaitReports(int count) throws InterruptedException {
		List<Map<String, Object>> events = new ArrayList<>();
		while (events.stream().filter((event) -> "platform.report".equals(event.get("type"))).count() < count) {
			events.addAll(ApiClient.jsonArray(this.receiver.poll(TIMEOUT).body()));
		}
		return events;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> record(Map<String, Object> event) {
		return (Map<String, Object>) event.get("record");
	}

}
