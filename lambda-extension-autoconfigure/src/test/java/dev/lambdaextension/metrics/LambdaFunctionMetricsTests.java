package dev.lambdaextension.metrics;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import dev.lambdaextension.client.RegisterResponse;
import dev.lambdaextension.telemetry.TelemetryBatchParser;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LambdaFunctionMetrics}.
 */
class LambdaFunctionMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final LambdaFunctionMetrics metrics = new LambdaFunctionMetrics();

	LambdaFunctionMetricsTests() {
		this.metrics.bindTo(this.registry);
	}

	@Test
	void reportsShouldBeRecordedWithLowCardinalityTags() {
		this.metrics.registered(new RegisterResponse("ext", "orders", "7", null, null));
		record("""
				[{"time":"2025-11-23T10:15:01Z","type":"platform.report","record":{"requestId":"r-1","status":"success",
				"metrics":{"durationMs":12.5,"billedDurationMs":13,"memorySizeMB":128,"maxMemoryUsedMB":64,
				"initDurationMs":250.0}}},
				{"time":"2025-11-23T10:15:02Z","type":"platform.report","record":{"requestId":"r-2","status":"Timeout",
				"metrics":{"durationMs":3000,"billedDurationMs":3000,"memorySizeMB":128,"maxMemoryUsedMB":70}}},
				{"time":"2025-11-23T10:15:03Z","type":"platform.report","record":{"requestId":"r-3","status":"weird"}}]
				""");
		assertThat(invocations("success")).isOne();
		assertThat(invocations("timeout")).isOne();
		assertThat(invocations("other")).isOne();
		assertThat(this.registry.get("lambda.function.duration").tag("status", "success").timer()
			.totalTime(TimeUnit.MICROSECONDS)).isEqualTo(12_500);
		assertThat(this.registry.get("lambda.function.billed.duration").tag("status", "timeout").timer()
			.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3000);
		assertThat(this.registry.get("lambda.function.memory.max.used").summary().max()).isEqualTo(70 * 1024 * 1024);
		assertThat(this.registry.get("lambda.function.cold.starts").counter().count()).isOne();
		assertThat(this.registry.getMeters()).allSatisfy((meter) -> {
			assertThat(meter.getId().getTags()).extracting(Tag::getKey).isSubsetOf("function", "version", "status");
			assertThat(meter.getId().getTag("function")).isEqualTo("orders");
			assertThat(meter.getId().getTag("version")).isEqualTo("7");
		});
	}

	@Test
	void initReportsAndDroppedRecordsShouldBeRecorded() {
		record("""
				[{"time":"2025-11-23T10:15:00Z","type":"platform.initReport","record":{"initializationType":"on-demand",
				"phase":"init","status":"success","metrics":{"durationMs":321.0}}},
				{"time":"2025-11-23T10:15:05Z","type":"platform.logsDropped","record":{"droppedBytes":2048,
				"droppedRecords":17,"reason":"Consumer seems to have fallen behind"}}]
				""");
		assertThat(this.registry.get("lambda.function.init.duration").tag("status", "success").timer()
			.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(321);
		assertThat(this.registry.get("lambda.function.logs.dropped").tag("function", "unknown").counter().count())
			.isEqualTo(17);
	}

	private double invocations(String status) {
		return this.registry.get("lambda.function.invocations").tag("status", status).counter().count();
	}

	private void record(String json) {
		this.metrics.record(new TelemetryBatchParser().parse(json.getBytes(StandardCharsets.UTF_8)).events());
	}

}
