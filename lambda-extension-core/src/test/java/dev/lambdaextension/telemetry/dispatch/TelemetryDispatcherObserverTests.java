package dev.lambdaextension.telemetry.dispatch;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.lambdaextension.telemetry.TelemetryBatchParser;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryObserver;
import dev.lambdaextension.test.logging.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@link TelemetryObserver} callbacks of {@link TelemetryDispatcher}.
 */
class TelemetryDispatcherObserverTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final TelemetryBatchParser parser = new TelemetryBatchParser();

	@RegisterExtension
	final LogCapture logs = LogCapture.of(TelemetryDispatcher.class);

	private final RecordingObserver observer = new RecordingObserver();

	private final CountDownLatch release = new CountDownLatch(1);

	private TelemetryDispatcher dispatcher;

	@AfterEach
	void close() {
		this.release.countDown();
		if (this.dispatcher != null) {
			this.dispatcher.close();
		}
		// Whether closing a blocked dispatcher leaves events undelivered depends on timing.
		this.logs.records((record) -> record.message().startsWith("Telemetry dispatcher closed with"));
	}

	@Test
	void dispatchedBatchShouldReportItsSizeAndLatency() throws Exception {
		CountDownLatch dispatched = new CountDownLatch(1);
		this.dispatcher = new TelemetryDispatcher((batch) -> {
		});
		this.dispatcher.setObserver(new TelemetryObserver() {

			@Override
			public void batchDispatched(int count, Duration latency) {
				TelemetryDispatcherObserverTests.this.observer.batchDispatched(count, latency);
				dispatched.countDown();
			}

		});
		this.dispatcher.offer(logs(3));
		assertThat(dispatched.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThat(this.observer.dispatched).containsExactly(3);
		assertThat(this.observer.latencies).singleElement()
			.satisfies((latency) -> assertThat(latency).isPositive().isLessThan(TIMEOUT));
	}

	@Test
	void rejectedEventsShouldBeReported() throws Exception {
		this.dispatcher = blockedDispatcher(OverflowStrategy.REJECT);
		assertThat(this.dispatcher.offer(logs(2))).isTrue();
		assertThat(this.dispatcher.offer(logs(2))).isFalse();
		assertThat(this.observer.rejected).containsExactly(2);
		assertThat(this.observer.dropped).isEmpty();
	}

	@Test
	void droppedEventsShouldBeReported() throws Exception {
		this.dispatcher = blockedDispatcher(OverflowStrategy.DROP_NEWEST);
		assertThat(this.dispatcher.offer(logs(2))).isTrue();
		assertThat(this.dispatcher.offer(logs(3))).isTrue();
		assertThat(this.observer.dropped).containsExactly(2);
		assertThat(this.observer.rejected).isEmpty();
		assertThat(this.logs.messages(Level.WARNING))
			.containsExactly("Dropped 2 telemetry event(s): dispatch queue full (capacity 3, strategy DROP_NEWEST)");
	}

	@Test
	void eventsAbandonedAtDrainShouldBeReportedUndelivered() throws Exception {
		this.dispatcher = blockedDispatcher(OverflowStrategy.REJECT);
		assertThat(this.dispatcher.offer(logs(2))).isTrue();
		DrainResult result = this.dispatcher.drain(Instant.now().plusMillis(50));
		assertThat(result.undelivered()).isEqualTo(3);
		assertThat(this.observer.undelivered).containsExactly(3L);
		assertThat(this.logs.messages(Level.WARNING))
			.containsExactly("Telemetry drain deadline passed: 0 event(s) delivered, 3 undelivered");
	}

	private TelemetryDispatcher blockedDispatcher(OverflowStrategy strategy) throws InterruptedException {
		CountDownLatch entered = new CountDownLatch(1);
		TelemetryDispatcher blocked = new TelemetryDispatcher((batch) -> {
			entered.countDown();
			try {
				this.release.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, DispatchOptions.builder().capacity(3).overflowStrategy(strategy).build());
		blocked.setObserver(this.observer);
		assertThat(blocked.offer(logs(1))).isTrue();
		assertThat(entered.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		return blocked;
	}

	private static List<TelemetryEvent> logs(int count) {
		StringBuilder body = new StringBuilder("[");
		for (int i = 0; i < count; i++) {
			body.append((i > 0) ? "," : "")
				.append("{\"time\":\"2025-11-23T10:15:01.100Z\",\"type\":\"function\",\"record\":\"line ")
				.append(i)
				.append("\"}");
		}
		return parser.parse(body.append("]").toString().getBytes(StandardCharsets.UTF_8)).events();
	}

	static class RecordingObserver implements TelemetryObserver {

		final List<Integer> rejected = new CopyOnWriteArrayList<>();

		final List<Integer> dropped = new CopyOnWriteArrayList<>();

		final List<Long> undelivered = new CopyOnWriteArrayList<>();

		final List<Integer> dispatched = new CopyOnWriteArrayList<>();

		final List<Duration> latencies = new CopyOnWriteArrayList<>();

		@Override
		public void eventsRejected(int count) {
			this.rejected.add(count);
		}

		@Override
		public void eventsDropped(int count) {
			this.dropped.add(count);
		}

		@Override
		public void eventsUndelivered(long count) {
			this.undelivered.add(count);
		}

		@Override
		public void batchDispatched(int count, Duration latency) {
			this.dispatched.add(count);
			this.latencies.add(latency);
		}

	}

}
