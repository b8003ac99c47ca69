package dev.lambdaextension.telemetry.dispatch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.lambdaextension.telemetry.PlatformRuntimeDone;
import dev.lambdaextension.telemetry.TelemetryBatchParser;
import dev.lambdaextension.telemetry.TelemetryEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InvocationProgress}.
 */
class InvocationProgressTests {

	private static final Duration LONG = Duration.ofSeconds(10);

	private static final TelemetryBatchParser parser = new TelemetryBatchParser();

	private final InvocationProgress progress = new InvocationProgress();

	@Test
	void runtimeDoneShouldBeKeptForTheBarrierAndTheCompletedEvent() {
		this.progress.settled(events(platform("platform.runtimeDone", "r-1", ",\"status\":\"timeout\"")));
		assertThat(this.progress.awaitRuntimeDone("r-1", Duration.ZERO)).isTrue();
		PlatformRuntimeDone done = this.progress.runtimeDone("r-1");
		assertThat(done).isNotNull();
		assertThat(done.status()).isEqualTo("timeout");
		assertThat(this.progress.runtimeDone("r-2")).isNull();
	}

	@Test
	void awaitReportsShouldReturnAsSoonAsEveryInvocationSeenHasItsReport() throws Exception {
		this.progress.invocationStarted("r-1");
		this.progress.settled(events(platform("platform.start", "r-2", "")));
		assertThat(this.progress.awaitingReport()).containsExactly("r-1", "r-2");
		CompletableFuture<Set<String>> missing = CompletableFuture
			.supplyAsync(() -> this.progress.awaitReports(Instant.now().plus(LONG), LONG, true));
		this.progress.settled(events(platform("platform.report", "r-1", "")));
		assertThat(missing).isNotDone();
		this.progress.settled(events(platform("platform.report", "r-2", "")));
		assertThat(missing.get(LONG.toMillis(), TimeUnit.MILLISECONDS)).isEmpty();
	}

	@Test
	void reportSettledBeforeTheInvokeIsSeenShouldNotBeAwaited() {
		this.progress.settled(events(platform("platform.report", "r-1", "")));
		this.progress.invocationStarted("r-1");
		assertThat(this.progress.awaitingReport()).isEmpty();
	}

	@Test
	void awaitReportsShouldGiveUpAfterTheQuietPeriod() {
		this.progress.invocationStarted("r-1");
		long started = System.nanoTime();
		assertThat(this.progress.awaitReports(Instant.now().plus(LONG), Duration.ofMillis(100), true)).containsExactly("r-1");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LONG);
	}

	@Test
	void quietPeriodShouldRestartWithEveryBatch() throws Exception {
		this.progress.settled(events(platform("platform.start", "r-1", "")));
		Duration quiet = Duration.ofMillis(300);
		CompletableFuture<Long> ended = CompletableFuture.supplyAsync(() -> {
			assertThat(this.progress.awaitReports(Instant.now().plus(LONG), quiet, true)).containsExactly("r-1");
			return System.nanoTime();
		});
		long lastBatch = 0;
		for (int i = 0; i < 4; i++) {
			TimeUnit.MILLISECONDS.sleep(100);
			lastBatch = System.nanoTime();
			this.progress.batchReceived(List.of());
		}
		long endedNanos = ended.get(LONG.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(endedNanos - lastBatch).isGreaterThanOrEqualTo(quiet.toNanos());
	}

	@Test
	void withoutReportsToExpectOnlyTheQuietPeriodShouldEndTheWait() {
		long started = System.nanoTime();
		assertThat(this.progress.awaitReports(Instant.now().plus(LONG), Duration.ofMillis(100), false)).isEmpty();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
	}

	@Test
	void awaitReportsShouldGiveUpAtTheDeadline() {
		this.progress.invocationStarted("r-1");
		Instant deadline = Instant.now().plusMillis(100);
		assertThat(this.progress.awaitReports(deadline, LONG, true)).containsExactly("r-1");
		assertThat(Instant.now()).isAfterOrEqualTo(deadline);
	}

	@Test
	void rememberedInvocationsShouldBeBounded() {
		for (int i = 0; i < InvocationProgress.REMEMBERED_INVOCATIONS + 10; i++) {
			this.progress.invocationStarted("r-" + i);
		}
		assertThat(this.progress.awaitingReport()).hasSize(InvocationProgress.REMEMBERED_INVOCATIONS)
			.doesNotContain("r-0");
	}

	private static String platform(String type, String requestId, String extra) {
		return "{\"time\":\"2025-11-23T10:15:01.250Z\",\"type\":\"" + type + "\",\"record\":{\"requestId\":\"" + requestId
				+ "\"" + extra + "}}";
	}

	private static List<TelemetryEvent> events(String... json) {
		return parser.parse(("[" + String.join(",", json) + "]").getBytes(StandardCharsets.UTF_8)).events();
	}

}
