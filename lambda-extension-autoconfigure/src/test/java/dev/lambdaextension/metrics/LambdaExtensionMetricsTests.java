package dev.lambdaextension.metrics;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.lambdaextension.client.InvokeEvent;
import dev.lambdaextension.client.RegisterResponse;
import dev.lambdaextension.telemetry.TelemetryBatchParser;
import dev.lambdaextension.telemetry.TelemetryEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LambdaExtensionMetrics}.
 */
class LambdaExtensionMetricsTests {

	private static final Instant PROCESS_START = Instant.parse("2025-11-23T10:15:00Z");

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final MutableClock clock = new MutableClock();

	private final LambdaExtensionMetrics metrics = new LambdaExtensionMetrics(this.clock, PROCESS_START);

	LambdaExtensionMetricsTests() {
		this.metrics.bindTo(this.registry);
	}

	@Test
	void batchReceivedShouldCountEventsByTypeWithUnknownTypesFolded() {
		this.metrics.batchReceived(events("platform.start", "function", "function", "platform.start", "made.up",
				"other.made.up"));
		this.metrics.batchReceived(List.of());
		assertThat(events("platform.start")).hasSize(1);
		assertThat(count("platform.start")).isEqualTo(2);
		assertThat(count("function")).isEqualTo(2);
		assertThat(count("unknown")).isEqualTo(2);
		assertThat(this.registry.find("lambda.extension.telemetry.events").tag("type", "made.up").counter()).isNull();
	}

	@Test
	void startupPhasesShouldBeMeasuredFromProcessStartOnce() {
		this.clock.now = PROCESS_START.plusMillis(300);
		this.metrics.registered(new RegisterResponse("ext", "fn", "1", null, null));
		this.clock.now = PROCESS_START.plusMillis(450);
		this.metrics.firstNext();
		this.clock.now = PROCESS_START.plusMillis(900);
		this.metrics.firstNext();
		assertThat(phase("registered")).isEqualTo(300);
		assertThat(phase("first-next")).isEqualTo(450);
		assertThat(this.registry.find("lambda.extension.startup").tag("phase", "subscribed").timeGauge()).isNull();
	}

	@Test
	void loopTimingsShouldBeRecordedByEvent() {
		InvokeEvent invoke = new InvokeEvent("request-1", Instant.now().plusSeconds(3), null, null);
		this.metrics.eventReceived(invoke, Duration.ofMillis(20));
		this.metrics.invokeHandled(invoke, Duration.ofMillis(7));
		assertThat(this.registry.get("lambda.extension.next.wait").tag("event", "invoke").timer().count()).isOne();
		assertThat(this.registry.get("lambda.extension.invoke.overhead").timer().totalTime(TimeUnit.MILLISECONDS))
			.isEqualTo(7);
		assertThat(this.registry.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTags())
			.noneSatisfy((tag) -> assertThat(tag.getValue()).isEqualTo("request-1")));
	}

	@Test
	void whatIsRecordedBeforeTheRegistryIsBoundShouldReachItAtBinding() {
		LambdaExtensionMetrics late = new LambdaExtensionMetrics(this.clock, PROCESS_START);
		this.clock.now = PROCESS_START.plusMillis(300);
		late.registered(new RegisterResponse("ext", "fn", "1", null, null));
		late.batchReceived(events("platform.initStart", "platform.initStart"));
		late.batchDispatched(2, Duration.ofMillis(4));
		this.clock.now = PROCESS_START.plusMillis(450);
		late.firstNext();
		late.eventReceived(new InvokeEvent("request-1", Instant.now().plusSeconds(3), null, null),
				Duration.ofMillis(20));
		SimpleMeterRegistry boundLate = new SimpleMeterRegistry();
		this.clock.now = PROCESS_START.plusMillis(2_000);
		late.bindTo(boundLate);
		late.batchReceived(events("platform.initStart"));
		assertThat(boundLate.get("lambda.extension.startup").tag("phase", "registered").timeGauge()
			.value(TimeUnit.MILLISECONDS)).isEqualTo(300);
		assertThat(boundLate.get("lambda.extension.startup").tag("phase", "first-next").timeGauge()
			.value(TimeUnit.MILLISECONDS)).isEqualTo(450);
		assertThat(boundLate.get("lambda.extension.telemetry.events").tag("type", "platform.initStart").counter()
			.count()).isEqualTo(3);
		assertThat(boundLate.get("lambda.extension.telemetry.dispatch.latency").timer().totalTime(TimeUnit.MILLISECONDS))
			.isEqualTo(4);
		assertThat(boundLate.get("lambda.extension.next.wait").tag("event", "invoke").timer().count()).isOne();
		assertThat(boundLate.get("lambda.extension.invoke.overhead").timer().count()).isZero();
	}

	@Test
	void listenerFailuresShouldReadTheCountKeptByTheListeners() {
		Map<String, Long> failures = new HashMap<>();
		this.metrics.setListenerFailures((id) -> failures.getOrDefault(id, 0L));
		assertThat(this.registry.find("lambda.extension.telemetry.listener.failures").functionCounter()).isNull();
		failures.put("reports", 1L);
		this.metrics.listenerFailed("reports", new IllegalStateException());
		failures.put("reports", 2L);
		this.metrics.listenerFailed("reports", new IllegalStateException());
		assertThat(this.registry.get("lambda.extension.telemetry.listener.failures")
			.tag("listener", "reports")
			.functionCounter()
			.count()).isEqualTo(2);
	}

	private double count(String type) {
		return this.registry.get("lambda.extension.telemetry.events").tag("type", type).counter().count();
	}

	private double phase(String phase) {
		return this.registry.get("lambda.extension.startup").tag("phase", phase).timeGauge().value(TimeUnit.MILLISECONDS);
	}

	private static List<TelemetryEvent> events(String... types) {
		StringBuilder body = new StringBuilder("[");
		for (int i = 0; i < types.length; i++) {
			body.append((i > 0) ? "," : "")
				.append("{\"time\":\"2025-11-23T10:15:01.100Z\",\"type\":\"")
				.append(types[i])
				.append("\",\"record\":")
				.append("function".equals(types[i]) ? "\"x\"" : "{\"requestId\":\"r\"}")
				.append("}");
		}
		return new TelemetryBatchParser().parse(body.append("]").toString().getBytes(StandardCharsets.UTF_8))
			.events();
	}

	static class MutableClock extends Clock {

		Instant now = PROCESS_START;

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
