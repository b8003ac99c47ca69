package dev.lambdaextension.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.lambdaextension.telemetry.PlatformRestoreReport;
import dev.lambdaextension.telemetry.PlatformRestoreRuntimeDone;
import dev.lambdaextension.telemetry.PlatformRestoreStart;
import dev.lambdaextension.telemetry.RestoreReportMetrics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RestoreTelemetryPublisher}.
 */
class RestoreTelemetryPublisherTests {

	private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

	private final List<Object> published = new CopyOnWriteArrayList<>();

	private final RestoreTelemetryPublisher publisher = new RestoreTelemetryPublisher(this.published::add);

	@Test
	void restoreStartAloneShouldPublishNothing() {
		this.publisher.restored(List.of(start()));
		assertThat(this.published).isEmpty();
		assertThat(this.publisher.isPublished()).isFalse();
	}

	@Test
	void runtimeDoneShouldPublishOnceWithTheStartOfAnEarlierBatchAndTheReportOfItsOwn() {
		this.publisher.restored(List.of(start()));
		this.publisher.restored(List.of(runtimeDone("success"), report("success", 87.5)));
		this.publisher.restored(List.of(runtimeDone("success"), report("success", 1.0)));
		assertThat(this.published).singleElement().isInstanceOfSatisfying(ExtensionRestoredEvent.class, (event) -> {
			assertThat(event.restoreStartTime()).isEqualTo(START);
			assertThat(event.runtimeVersion()).isEqualTo("java:17.v1");
			assertThat(event.isSuccess()).isTrue();
			assertThat(event.duration()).isEqualTo(Duration.ofMillis(87).plusNanos(500_000));
		});
		assertThat(this.publisher.isPublished()).isTrue();
	}

	@Test
	void runtimeDoneWithoutReportShouldPublishWithoutDurationAndIgnoreTheLaterReport() {
		this.publisher.restored(List.of(start(), runtimeDone("error")));
		this.publisher.restored(List.of(report("error", 10)));
		assertThat(this.published).singleElement().isInstanceOfSatisfying(ExtensionRestoredEvent.class, (event) -> {
			assertThat(event.status()).isEqualTo("error");
			assertThat(event.isSuccess()).isFalse();
			assertThat(event.duration()).isNull();
			assertThat(event.restoreReport()).isNull();
		});
	}

	@Test
	void reportAloneShouldPublishWithItsStatus() {
		this.publisher.restored(List.of(report("timeout", 10_000)));
		assertThat(this.published).singleElement().isInstanceOfSatisfying(ExtensionRestoredEvent.class, (event) -> {
			assertThat(event.status()).isEqualTo("timeout");
			assertThat(event.restoreStartTime()).isNull();
			assertThat(event.runtimeVersion()).isNull();
			assertThat(event.restoreRuntimeDone()).isNull();
			assertThat(event.duration()).isEqualTo(Duration.ofSeconds(10));
		});
	}

	private static PlatformRestoreStart start() {
		return new PlatformRestoreStart(START, "fn", "1", "i-1", 512L, "java:17.v1", "arn:runtime", record());
	}

	private static PlatformRestoreRuntimeDone runtimeDone(String status) {
		return new PlatformRestoreRuntimeDone(START.plusMillis(80), status, null, List.of(), record());
	}

	private static PlatformRestoreReport report(String status, double durationMs) {
		return new PlatformRestoreReport(START.plusMillis(90), status, null, new RestoreReportMetrics(durationMs),
				List.of(), record());
	}

	private static JsonNode record() {
		return JsonMapper.shared().createObjectNode();
	}

}
