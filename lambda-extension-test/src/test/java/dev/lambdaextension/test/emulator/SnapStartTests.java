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
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the SnapStart mode of {@link LambdaEmulator}.
 */
class SnapStartTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private LambdaEmulator emulator;

	private ApiClient client;

	private TelemetryReceiver receiver;

	@BeforeEach
	void setUp() {
		this.emulator = LambdaEmulator.builder().snapStart(true).build();
		this.client = new ApiClient(this.emulator.runtimeApi());
		this.receiver = new TelemetryReceiver();
	}

	@AfterEach
	void tearDown() {
		this.emulator.close();
		this.receiver.close();
	}

	@Test
	void restoreShouldCutTheParkedNextAndItsTelemetryShouldReachSubscribersWhenTheEnvironmentThaws() throws Exception {
		String id = this.client.registerId("ext-a", "INVOKE");
		this.client.subscribe(LambdaEmulator.TELEMETRY_PATH, id,
				"{\"schemaVersion\":\"2022-07-01\",\"types\":[\"platform\"],\"buffering\":{\"timeoutMs\":25},"
						+ "\"destination\":{\"protocol\":\"HTTP\",\"URI\":\"" + this.receiver.sandboxUri() + "\"}}");
		CompletableFuture<HttpResponse<String>> next = this.client.next(id);
		this.emulator.awaitInitComplete(TIMEOUT);
		this.emulator.restore();
		assertThat(this.emulator.telemetry().flush(TIMEOUT)).isTrue();
		List<Map<String, Object>> events = new ArrayList<>();
		for (TelemetryReceiver.Received batch = this.receiver.pollNow(); batch != null; batch = this.receiver.pollNow()) {
			events.addAll(ApiClient.jsonArray(batch.body()));
		}
		assertThat(events).as("held while frozen")
			.noneMatch((event) -> String.valueOf(event.get("type")).startsWith("platform.restore"));
		// The JDK client sends a GET whose connection closed without an answer once more, by itself.
		assertThat(this.emulator.history().awaitCalls(LambdaEmulator.NEXT_PATH, 1, TIMEOUT))
			.extracting(RecordedCall::status)
			.as("cut by the restore")
			.containsExactly(0);
		this.emulator.await("the next sent again", TIMEOUT, () -> {
			EmulatedExtension extension = this.emulator.extension("ext-a");
			return extension != null && extension.parked() && extension.nextCount() == 2;
		});
		Invocation invocation = this.emulator.invoke();
		assertThat(ApiClient.json(next.get(10, TimeUnit.SECONDS).body()))
			.containsEntry("eventType", "INVOKE");
		while (events.stream().noneMatch((event) -> "platform.restoreReport".equals(event.get("type")))) {
			events.addAll(ApiClient.jsonArray(this.receiver.poll(TIMEOUT).body()));
		}
		assertThat(events).extracting((event) -> event.get("type"))
			.containsSubsequence("platform.initStart", "platform.initReport", "platform.restoreStart",
					"platform.restoreRuntimeDone", "platform.restoreReport");
		assertThat(events).filteredOn((event) -> "platform.initStart".equals(event.get("type")))
			.singleElement()
			.satisfies((event) -> assertThat(event.get("record").toString())
				.contains("initializationType=" + LambdaEmulator.SNAP_START));
		assertThat(invocation.requestId()).isNotBlank();
		assertThat(this.emulator.function().initializationType()).isEqualTo("snap-start");
	}

	@Test
	void restoreShouldBeRefusedBeforeInitAfterAnInvocationAndTwice() throws Exception {
		String id = this.client.registerId("ext-a", "INVOKE");
		assertThatIllegalStateException().isThrownBy(this.emulator::restore).withMessageContaining("after Init");
		this.client.next(id);
		this.emulator.awaitInitComplete(TIMEOUT);
		this.emulator.restore();
		assertThatIllegalStateException().isThrownBy(this.emulator::restore).withMessageContaining("restored once");
	}

	@Test
	void restoreShouldNeedASnapStartEmulator() {
		try (LambdaEmulator onDemand = LambdaEmulator.start()) {
			assertThatIllegalStateException().isThrownBy(onDemand::restore).withMessageContaining("SnapStart");
		}
		assertThatIllegalStateException()
			.isThrownBy(() -> LambdaEmulator.builder().snapStart(true).managedInstances(true).build())
			.withMessage("Lambda Managed Instances do not support SnapStart");
	}

}
