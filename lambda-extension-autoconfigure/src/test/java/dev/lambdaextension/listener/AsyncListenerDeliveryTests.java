package dev.lambdaextension.listener;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.dispatch.DrainResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link AsyncListenerDelivery}.
 */
class AsyncListenerDeliveryTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final CountDownLatch release = new CountDownLatch(1);

	private final CountDownLatch entered = new CountDownLatch(1);

	private final List<String> threads = new CopyOnWriteArrayList<>();

	private final List<TelemetryEvent> delivered = new CopyOnWriteArrayList<>();

	private AsyncListenerDelivery delivery;

	@AfterEach
	void releaseListener() {
		this.release.countDown();
		if (this.delivery != null) {
			this.delivery.drain(Instant.now());
		}
	}

	@Test
	void callsShouldRunInOrderOnTheListenersOwnThread() {
		this.delivery = new AsyncListenerDelivery("audit", 4);
		List<TelemetryEvent> events = TestTelemetry.batch(TestTelemetry.functionLog("one"),
				TestTelemetry.functionLog("two"), TestTelemetry.functionLog("three"));
		assertThat(this.delivery.submit(List.of(List.of(events.get(0)), List.of(events.get(1))), this::record))
			.isTrue();
		assertThat(this.delivery.submit(List.of(List.of(events.get(2))), this::record)).isTrue();
		DrainResult result = this.delivery.drain(Instant.now().plus(WAIT));
		assertThat(this.delivered).containsExactlyElementsOf(events);
		assertThat(this.threads).containsOnly(AsyncListenerDelivery.THREAD_NAME_PREFIX + "audit");
		assertThat(result.undelivered()).isZero();
		assertThat(this.delivery.getDroppedEvents()).isZero();
		assertThat(this.delivery.getUndeliveredEvents()).isZero();
	}

	@Test
	void batchFindingTheQueueFullShouldBeDroppedAndCounted() throws InterruptedException {
		this.delivery = new AsyncListenerDelivery("slow", 1);
		List<TelemetryEvent> events = TestTelemetry.batch(TestTelemetry.functionLog("one"),
				TestTelemetry.functionLog("two"), TestTelemetry.functionLog("three"));
		assertThat(this.delivery.submit(List.of(List.of(events.get(0))), this::blockOnFirst)).isTrue();
		assertThat(this.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(this.delivery.submit(List.of(List.of(events.get(1))), this::blockOnFirst)).isTrue();
		assertThat(this.delivery.getQueueDepth()).isOne();
		assertThat(this.delivery.submit(List.of(events.subList(1, 3)), this::blockOnFirst)).isFalse();
		assertThat(this.delivery.getDroppedEvents()).isEqualTo(2);
		this.release.countDown();
		DrainResult result = this.delivery.drain(Instant.now().plus(WAIT));
		assertThat(this.delivered).containsExactly(events.get(0), events.get(1));
		assertThat(result.undelivered()).isZero();
	}

	@Test
	void drainShouldCountWhatIsLeftAtTheDeadlineAsUndelivered() throws InterruptedException {
		this.delivery = new AsyncListenerDelivery("stuck", 8);
		List<TelemetryEvent> events = TestTelemetry.batch(TestTelemetry.functionLog("one"),
				TestTelemetry.functionLog("two"), TestTelemetry.functionLog("three"));
		this.delivery.submit(List.of(List.of(events.get(0))), this::blockOnFirst);
		this.delivery.submit(List.of(events.subList(1, 3)), this::blockOnFirst);
		assertThat(this.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		DrainResult result = this.delivery.drain(Instant.now().plusMillis(100));
		assertThat(result).isEqualTo(new DrainResult(0, 3));
		assertThat(this.delivery.getUndeliveredEvents()).isEqualTo(3);
	}

	@Test
	void callFinishingAfterTheDeadlineShouldStayUndelivered() throws InterruptedException {
		this.delivery = new AsyncListenerDelivery("late-finisher", 8);
		CountDownLatch finished = new CountDownLatch(1);
		this.delivery.submit(List.of(TestTelemetry.batch(TestTelemetry.functionLog("one"))), (events) -> {
			this.entered.countDown();
			awaitIgnoringInterrupts(this.release);
			finished.countDown();
		});
		assertThat(this.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(this.delivery.drain(Instant.now().plusMillis(50))).isEqualTo(new DrainResult(0, 1));
		this.release.countDown();
		assertThat(finished.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(this.delivery.getUndeliveredEvents()).isOne();
	}

	private static void awaitIgnoringInterrupts(CountDownLatch latch) {
		boolean interrupted = false;
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (latch.getCount() > 0 && System.nanoTime() < deadline) {
			try {
				latch.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void batchAfterTheDrainShouldBeDropped() {
		this.delivery = new AsyncListenerDelivery("late", 8);
		this.delivery.drain(Instant.now().plus(WAIT));
		assertThat(this.delivery.submit(List.of(TestTelemetry.batch(TestTelemetry.functionLog("late"))), this::record))
			.isFalse();
		assertThat(this.delivery.getDroppedEvents()).isOne();
		assertThat(this.delivered).isEmpty();
	}

	@Test
	void queueCapacityShouldBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AsyncListenerDelivery("none", 0))
			.withMessageContaining("'queueCapacity' must be at least 1, not 0");
	}

	private void record(List<TelemetryEvent> events) {
		this.threads.add(Thread.currentThread().getName());
		this.delivered.addAll(events);
	}

	private void blockOnFirst(List<TelemetryEvent> events) {
		Consumer<List<TelemetryEvent>> recorder = this::record;
		if (this.entered.getCount() > 0) {
			this.entered.countDown();
			try {
				this.release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		recorder.accept(events);
	}

}
