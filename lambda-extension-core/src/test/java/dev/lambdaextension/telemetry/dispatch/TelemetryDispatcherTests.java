package dev.lambdaextension.telemetry.dispatch;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.lambdaextension.telemetry.TelemetryBatchParser;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.test.logging.CapturedLog;
import dev.lambdaextension.test.logging.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TelemetryDispatcher}.
 */
class TelemetryDispatcherTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final TelemetryBatchParser parser = new TelemetryBatchParser();

	@RegisterExtension
	final LogCapture logs = LogCapture.of(TelemetryDispatcher.class);

	private final List<String> consumed = Collections.synchronizedList(new ArrayList<>());

	private final CountDownLatch entered = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	private final InvocationProgress progress = new InvocationProgress();

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
	void dispatchShouldDeliverBatchesInOrderOffTheCallingThread() throws Exception {
		CountDownLatch done = new CountDownLatch(100);
		List<String> threads = Collections.synchronizedList(new ArrayList<>());
		this.dispatcher = new TelemetryDispatcher((batch) -> {
			threads.add(Thread.currentThread().getName());
			batch.forEach((event) -> {
				this.consumed.add(message(event));
				done.countDown();
			});
		});
		for (int i = 0; i < 50; i++) {
			assertThat(this.dispatcher.offer(logs("m" + (2 * i), "m" + (2 * i + 1)))).isTrue();
		}
		assertThat(done.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThat(this.consumed).containsExactlyElementsOf(IntStream.range(0, 100).mapToObj((i) -> "m" + i).toList());
		assertThat(threads).containsOnly(TelemetryDispatcher.THREAD_NAME);
		DispatcherStats stats = awaitDispatched(100);
		assertThat(stats.acceptedEvents()).isEqualTo(100);
		assertThat(stats.queueDepth()).isZero();
	}

	@Test
	void offerWhenFullShouldRejectUnderRejectStrategy() throws Exception {
		this.dispatcher = blockedDispatcher(OverflowStrategy.REJECT);
		assertThat(this.dispatcher.offer(logs("b1", "b2"))).isTrue();
		assertThat(this.dispatcher.offer(logs("c1", "c2"))).isFalse();
		assertThat(this.dispatcher.getStats().rejectedEvents()).isEqualTo(2);
		assertThat(this.dispatcher.getQueueDepth()).isEqualTo(2);
		this.release.countDown();
		awaitDispatched(3);
		assertThat(this.consumed).containsExactly("a", "b1", "b2");
	}

	@Test
	void offerWhenFullShouldDropNewestEventsUnderDropNewestStrategy() throws Exception {
		this.dispatcher = blockedDispatcher(OverflowStrategy.DROP_NEWEST);
		assertThat(this.dispatcher.offer(logs("b1", "b2"))).isTrue();
		assertThat(this.dispatcher.offer(logs("c1", "c2"))).isTrue();
		assertThat(this.dispatcher.offer(logs("d1"))).isTrue();
		assertThat(this.dispatcher.getStats().droppedEvents()).isEqualTo(2);
		this.release.countDown();
		awaitDispatched(4);
		assertThat(this.consumed).containsExactly("a", "b1", "b2", "c1");
		assertThat(this.logs.messages(Level.WARNING)).containsExactly(
				"Dropped 1 telemetry event(s): dispatch queue full (capacity 3, strategy DROP_NEWEST)",
				"Dropped 1 telemetry event(s): dispatch queue full (capacity 3, strategy DROP_NEWEST)");
	}

	@Test
	void offerWhenFullShouldDropOldestEventsUnderDropOldestStrategy() throws Exception {
		this.dispatcher = blockedDispatcher(OverflowStrategy.DROP_OLDEST);
		assertThat(this.dispatcher.offer(logs("b1", "b2"))).isTrue();
		assertThat(this.dispatcher.offer(logs("c1", "c2"))).isTrue();
		assertThat(this.dispatcher.getQueueDepth()).isEqualTo(3);
		assertThat(this.dispatcher.offer(logs("d1", "d2", "d3"))).isTrue();
		assertThat(this.dispatcher.getStats().droppedEvents()).isEqualTo(4);
		this.release.countDown();
		awaitDispatched(4);
		assertThat(this.consumed).containsExactly("a", "d1", "d2", "d3");
		assertThat(this.logs.messages(Level.WARNING)).containsExactly(
				"Dropped 1 telemetry event(s): dispatch queue full (capacity 3, strategy DROP_OLDEST)",
				"Dropped 3 telemetry event(s): dispatch queue full (capacity 3, strategy DROP_OLDEST)");
	}

	@Test
	void offerLargerThanCapacityShouldBeAcceptedWhenQueueIsEmpty() throws Exception {
		this.dispatcher = blockedDispatcher(OverflowStrategy.REJECT);
		this.release.countDown();
		awaitDispatched(1);
		assertThat(this.dispatcher.offer(logs("x1", "x2", "x3", "x4", "x5"))).isTrue();
		awaitDispatched(6);
		assertThat(this.consumed).containsExactly("a", "x1", "x2", "x3", "x4", "x5");
	}

	@Test
	void runtimeDoneBarrierShouldReturnWhenEventArrivesLater() throws Exception {
		this.dispatcher = new TelemetryDispatcher(this::record);
		this.dispatcher.setSettledListener(this.progress);
		CompletableFuture<Boolean> done = CompletableFuture
			.supplyAsync(() -> this.progress.awaitRuntimeDone("r-1", TIMEOUT));
		this.dispatcher.offer(events(runtimeDone("r-0")));
		this.dispatcher.offer(events(log("x"), runtimeDone("r-1")));
		assertThat(done.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThat(this.consumed).contains("x");
	}

	@Test
	void runtimeDoneBarrierShouldReturnAtOnceWhenEventAlreadyConsumed() throws Exception {
		this.dispatcher = new TelemetryDispatcher(this::record);
		this.dispatcher.setSettledListener(this.progress);
		this.dispatcher.offer(events(runtimeDone("r-1")));
		awaitDispatched(1);
		assertThat(this.progress.awaitRuntimeDone("r-1", Duration.ZERO)).isTrue();
		assertThat(this.progress.awaitRuntimeDone("r-2", Duration.ZERO)).isFalse();
	}

	@Test
	void runtimeDoneBarrierShouldWaitUntilBatchIsConsumed() throws Exception {
		this.dispatcher = blockedDispatcher(OverflowStrategy.REJECT);
		this.dispatcher.setSettledListener(this.progress);
		this.dispatcher.offer(events(runtimeDone("r-1")));
		assertThat(this.progress.awaitRuntimeDone("r-1", Duration.ofMillis(50))).isFalse();
		this.release.countDown();
		assertThat(this.progress.awaitRuntimeDone("r-1", TIMEOUT)).isTrue();
	}

	@Test
	void runtimeDoneBarrierShouldTimeOutWhenEventNeverArrives() {
		this.dispatcher = new TelemetryDispatcher(this::record);
		this.dispatcher.setSettledListener(this.progress);
		this.dispatcher.offer(events(runtimeDone("other")));
		long start = System.nanoTime();
		assertThat(this.progress.awaitRuntimeDone("r-1", Duration.ofMillis(100))).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
	}

	@Test
	void runtimeDoneBarrierShouldReturnWhenEventIsDropped() {
		this.dispatcher = blockedDispatcher(OverflowStrategy.DROP_OLDEST);
		this.dispatcher.setSettledListener(this.progress);
		this.dispatcher.offer(events(runtimeDone("r-1")));
		this.dispatcher.offer(logs("b1", "b2", "b3"));
		assertThat(this.progress.awaitRuntimeDone("r-1", TIMEOUT)).isTrue();
		assertThat(this.logs.messages(Level.WARNING))
			.containsExactly("Dropped 1 telemetry event(s): dispatch queue full (capacity 3, strategy DROP_OLDEST)");
	}

	@Test
	void drainShouldDeliverBacklogAndStopAccepting() throws Exception {
		this.dispatcher = blockedDispatcher(OverflowStrategy.REJECT, 100);
		this.dispatcher.offer(logs("b1", "b2"));
		this.dispatcher.offer(logs("c1"));
		CompletableFuture<DrainResult> result = CompletableFuture
			.supplyAsync(() -> this.dispatcher.drain(Instant.now().plus(TIMEOUT)));
		this.release.countDown();
		DrainResult drained = result.get(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
		assertThat(drained.undelivered()).isZero();
		assertThat(drained.isComplete()).isTrue();
		assertThat(this.consumed).containsExactly("a", "b1", "b2", "c1");
		assertThat(this.dispatcher.isAccepting()).isFalse();
		assertThat(this.dispatcher.offer(logs("late"))).isFalse();
	}

	@Test
	void drainShouldReportUndeliveredEventsAfterDeadline() {
		this.dispatcher = blockedDispatcher(OverflowStrategy.REJECT, 100);
		this.dispatcher.offer(logs("b1", "b2"));
		this.dispatcher.offer(logs("c1", "c2", "c3"));
		DrainResult drained = this.dispatcher.drain(Instant.now().plusMillis(100));
		assertThat(drained.delivered()).isZero();
		assertThat(drained.undelivered()).isEqualTo(6);
		assertThat(drained.isComplete()).isFalse();
		assertThat(this.dispatcher.getQueueDepth()).isZero();
		assertThat(this.dispatcher.getStats().undeliveredEvents()).isEqualTo(6);
		assertThat(this.logs.messages(Level.WARNING))
			.containsExactly("Telemetry drain deadline passed: 0 event(s) delivered, 6 undelivered");
	}

	@Test
	void consumerExceptionShouldNotStopDispatch() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		CountDownLatch done = new CountDownLatch(1);
		this.dispatcher = new TelemetryDispatcher((batch) -> {
			if (calls.incrementAndGet() == 1) {
				throw new IllegalStateException("boom");
			}
			record(batch);
			done.countDown();
		});
		this.dispatcher.offer(logs("first"));
		this.dispatcher.offer(logs("second"));
		assertThat(done.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThat(this.consumed).containsExactly("second");
		assertThat(awaitDispatched(2).consumerFailures()).isEqualTo(1);
		CapturedLog failure = this.logs.await(Level.ERROR, "Telemetry consumer failed on a batch of 1 event(s)", TIMEOUT);
		assertThat(failure.thrown()).isInstanceOf(IllegalStateException.class).hasMessage("boom");
		assertThat(failure.thread()).isEqualTo(TelemetryDispatcher.THREAD_NAME);
	}

	@Test
	void closeShouldNotShutDownSuppliedExecutor() throws Exception {
		ExecutorService executor = Executors.newSingleThreadExecutor((task) -> new Thread(task, "custom"));
		try {
			List<String> threads = Collections.synchronizedList(new ArrayList<>());
			this.dispatcher = new TelemetryDispatcher((batch) -> threads.add(Thread.currentThread().getName()),
					DispatchOptions.defaults(), executor);
			this.dispatcher.offer(logs("x"));
			awaitDispatched(1);
			this.dispatcher.close();
			assertThat(threads).containsExactly("custom");
			assertThat(executor.isShutdown()).isFalse();
			assertThat(executor.submit(() -> "still running").get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
				.isEqualTo("still running");
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void closeShouldStopAccepting() {
		this.dispatcher = new TelemetryDispatcher(this::record);
		this.dispatcher.close();
		assertThat(this.dispatcher.offer(logs("x"))).isFalse();
	}

	@Test
	void batchFinishingAfterTheDrainDeadlineShouldStayCountedUndelivered() throws Exception {
		this.dispatcher = blockedDispatcher(OverflowStrategy.REJECT, 100);
		this.dispatcher.setSettledListener(this.progress);
		this.dispatcher.offer(logs("b1", "b2"));
		DrainResult result = this.dispatcher.drain(Instant.now());
		assertThat(result.undelivered()).isEqualTo(3);
		this.release.countDown();
		this.dispatcher.close();
		DispatcherStats stats = this.dispatcher.getStats();
		assertThat(stats.acceptedEvents()).isEqualTo(3);
		assertThat(stats.undeliveredEvents()).isEqualTo(3);
		assertThat(stats.dispatchedEvents()).isZero();
		assertThat(this.logs.messages(Level.WARNING))
			.containsExactly("Telemetry drain deadline passed: 0 event(s) delivered, 3 undelivered");
	}

	private TelemetryDispatcher blockedDispatcher(OverflowStrategy strategy) {
		return blockedDispatcher(strategy, 3);
	}

	private TelemetryDispatcher blockedDispatcher(OverflowStrategy strategy, int capacity) {
		TelemetryDispatcher blocked = new TelemetryDispatcher((batch) -> {
			this.entered.countDown();
			await(this.release);
			record(batch);
		}, DispatchOptions.builder().capacity(capacity).overflowStrategy(strategy).build());
		assertThat(blocked.offer(logs("a"))).isTrue();
		await(this.entered);
		assertThat(this.entered.getCount()).isZero();
		return blocked;
	}

	private DispatcherStats awaitDispatched(long events) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		DispatcherStats stats = this.dispatcher.getStats();
		while (stats.dispatchedEvents() < events && System.nanoTime() < deadline) {
			Thread.onSpinWait();
			stats = this.dispatcher.getStats();
		}
		assertThat(stats.dispatchedEvents()).isEqualTo(events);
		return stats;
	}

	private void record(List<TelemetryEvent> batch) {
		batch.stream().map(TelemetryDispatcherTests::message).forEach(this.consumed::add);
	}

	private static String message(TelemetryEvent event) {
		return event.record().isString() ? event.record().stringValue() : event.type();
	}

	private static List<TelemetryEvent> logs(String... messages) {
		return events(Arrays.stream(messages).map(TelemetryDispatcherTests::log).toArray(String[]::new));
	}

	private static String log(String message) {
		return "{\"time\":\"2025-11-23T10:15:01.100Z\",\"type\":\"function\",\"record\":\"" + message + "\"}";
	}

	private static String runtimeDone(String requestId) {
		return "{\"time\":\"2025-11-23T10:15:01.250Z\",\"type\":\"platform.runtimeDone\",\"record\":{\"requestId\":\""
				+ requestId + "\",\"status\":\"success\"}}";
	}

	private static List<TelemetryEvent> events(String... json) {
		String body = Arrays.stream(json).collect(Collectors.joining(",", "[", "]"));
		return parser.parse(body.getBytes(StandardCharsets.UTF_8)).events();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
