package dev.lambdaextension.autoconfigure;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.lambdaextension.flush.FlushScheduler;
import dev.lambdaextension.flush.FlushTrigger;
import dev.lambdaextension.flush.TelemetryFlusher;
import dev.lambdaextension.telemetry.PlatformRuntimeDone;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryListener;
import dev.lambdaextension.telemetry.TelemetryTypes;
import dev.lambdaextension.test.emulator.Invocation;
import dev.lambdaextension.test.emulator.InvokeRequest;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.logging.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FlushAutoConfiguration} against the local Lambda emulator: one per
 * policy, the flush after the shutdown drain, a throwing flusher and the refusals.
 */
class FlushPolicyIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	final LogCapture logs = LogCapture.of("dev.lambdaextension");

	@RegisterExtension
	final EmulatedExtensionRunner extension = new EmulatedExtensionRunner("flush-test", FlushAutoConfiguration.class);

	private LambdaEmulator emulator() {
		return this.extension.emulator();
	}

	private ApplicationContextRunner runner() {
		return this.extension.runner(LambdaEmulator.builder()).withBean(FlushRecorder.class);
	}

	@Test
	void withoutFlushersNothingShouldBeConfigured() {
		this.extension.runner(LambdaEmulator.builder())
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FlushScheduler.class));
	}

	@Test
	void endOfInvocationShouldFlushAfterTheInvocationsTelemetryAndBeforeTheNextEvent() {
		runner().withPropertyValues("lambda.extension.flush.policy=end-of-invocation").run((context) -> {
			FlushRecorder recorder = context.getBean(FlushRecorder.class);
			emulator().awaitInitComplete(WAIT);
			Invocation invocation = emulator().invoke();
			invocation.awaitExtensionsDone(WAIT);
			assertThat(recorder.flushes).singleElement().satisfies((flush) -> {
				assertThat(flush.trigger()).isEqualTo(FlushTrigger.INVOCATION_COMPLETED);
				assertThat(flush.runtimeDoneSeen()).contains(invocation.requestId());
			});
			shutDownAndExit();
			assertThat(recorder.triggers()).containsExactly(FlushTrigger.INVOCATION_COMPLETED, FlushTrigger.SHUTDOWN);
		});
	}

	@Test
	void periodicShouldFlushOnTheTimerAndStopAtShutdown() {
		runner().withPropertyValues("lambda.extension.flush.policy=periodic", "lambda.extension.flush.interval=100ms")
			.run((context) -> {
				FlushRecorder recorder = context.getBean(FlushRecorder.class);
				emulator().awaitInitComplete(WAIT);
				emulator().invoke().awaitExtensionsDone(WAIT);
				recorder.await(() -> recorder.count(FlushTrigger.PERIODIC) >= 2);
				FlushScheduler scheduler = context.getBean(FlushScheduler.class);
				shutDownAndExit();
				List<FlushTrigger> triggers = recorder.triggers();
				assertThat(triggers).last().isEqualTo(FlushTrigger.SHUTDOWN);
				assertThat(triggers).doesNotContain(FlushTrigger.INVOCATION_COMPLETED, FlushTrigger.BATCH_DISPATCHED);
				assertThat(scheduler.isRunning()).isFalse();
			});
	}

	@Test
	void continuousShouldFlushAfterEveryDispatchedBatch() {
		runner().withPropertyValues("lambda.extension.flush.policy=continuous").run((context) -> {
			FlushRecorder recorder = context.getBean(FlushRecorder.class);
			emulator().awaitInitComplete(WAIT);
			Invocation invocation = emulator().invoke(InvokeRequest.builder().log("hello").build());
			invocation.awaitExtensionsDone(WAIT);
			recorder.await(() -> recorder.flushes.stream()
						.anyMatch((flush) -> flush.trigger() == FlushTrigger.BATCH_DISPATCHED
								&& flush.runtimeDoneSeen().contains(invocation.requestId())));
			shutDownAndExit();
			assertThat(recorder.triggers()).last().isEqualTo(FlushTrigger.SHUTDOWN);
			assertThat(recorder.triggers()).doesNotContain(FlushTrigger.INVOCATION_COMPLETED, FlushTrigger.PERIODIC);
		});
	}

	@Test
	void adaptiveShouldFlushRareInvocationsAtTheirEndAndFrequentOnesOnTheTimer() {
		runner()
			.withPropertyValues("lambda.extension.flush.policy=adaptive", "lambda.extension.flush.interval=100ms",
					"lambda.extension.flush.adaptive-threshold=15m")
			.run((context) -> {
				FlushRecorder recorder = context.getBean(FlushRecorder.class);
				emulator().awaitInitComplete(WAIT);
				emulator().invoke().awaitExtensionsDone(WAIT);
				assertThat(recorder.triggers()).containsExactly(FlushTrigger.INVOCATION_COMPLETED);
				emulator().invoke().awaitExtensionsDone(WAIT);
				recorder.await(() -> recorder.count(FlushTrigger.PERIODIC) >= 1);
				shutDownAndExit();
				assertThat(recorder.count(FlushTrigger.INVOCATION_COMPLETED)).isOne();
				assertThat(recorder.triggers()).last().isEqualTo(FlushTrigger.SHUTDOWN);
			});
		// The second invocation's platform.report comes with the next thaw, so shutdown may not see it in time.
		assertThat(this.logs.messages(Level.WARNING))
			.isSubsetOf("platform.report of 1 invocation(s) did not arrive before the telemetry went quiet");
	}

	@Test
	void adaptiveShouldGoBackToFlushingAtTheEndOnceInvocationsAreRareAgain() {
		Duration threshold = Duration.ofMillis(300);
		Duration interval = Duration.ofMillis(100);
		runner()
			.withPropertyValues("lambda.extension.flush.policy=adaptive",
					"lambda.extension.flush.interval=" + interval.toMillis() + "ms",
					"lambda.extension.flush.adaptive-threshold=" + threshold.toMillis() + "ms")
			.run((context) -> {
				FlushRecorder recorder = context.getBean(FlushRecorder.class);
				emulator().awaitInitComplete(WAIT);
				emulator().invoke().awaitExtensionsDone(WAIT);
				emulator().invoke().awaitExtensionsDone(WAIT);
				recorder.await(() -> recorder.count(FlushTrigger.PERIODIC) >= 1);
				// The rule is about wall-clock time between completions: let more than the threshold pass.
				Thread.sleep(threshold.plus(interval).toMillis());
				Invocation rare = emulator().invoke();
				rare.awaitExtensionsDone(WAIT);
				recorder.await(() -> recorder.count(FlushTrigger.INVOCATION_COMPLETED) == 2);
				int rareFlush = recorder.triggers().lastIndexOf(FlushTrigger.INVOCATION_COMPLETED);
				assertThat(recorder.flushes.get(rareFlush).runtimeDoneSeen()).contains(rare.requestId());
				// Ticks after a rare invocation do nothing: give the timer three of them.
				Thread.sleep(interval.multipliedBy(3).toMillis());
				shutDownAndExit();
				List<FlushTrigger> triggers = recorder.triggers();
				assertThat(triggers.get(0)).isEqualTo(FlushTrigger.INVOCATION_COMPLETED);
				assertThat(triggers.subList(1, rareFlush)).isNotEmpty().containsOnly(FlushTrigger.PERIODIC);
				assertThat(triggers.subList(rareFlush + 1, triggers.size())).containsExactly(FlushTrigger.SHUTDOWN);
			});
	}

	@Test
	void throwingFlusherShouldNotStopTheOthersNorTheLoop() {
		List<String> calls = new CopyOnWriteArrayList<>();
		this.extension.runner(LambdaEmulator.builder())
			.withBean(ThrowingFlusher.class, () -> new ThrowingFlusher(calls))
			.withBean(LaterFlusher.class, () -> new LaterFlusher(calls))
			.run((context) -> {
				emulator().awaitInitComplete(WAIT);
				emulator().invoke().awaitExtensionsDone(WAIT);
				emulator().invoke().awaitExtensionsDone(WAIT);
				shutDownAndExit();
				assertThat(calls).containsExactly("throwing", "later", "throwing", "later", "throwing", "later");
			});
		this.logs.await(Level.WARNING,
				"Telemetry flusher dev.lambdaextension.autoconfigure.FlushPolicyIntegrationTests$ThrowingFlusher "
						+ "failed on INVOCATION_COMPLETED: java.lang.IllegalStateException", WAIT);
		this.logs.await(Level.WARNING,
				"Telemetry flusher dev.lambdaextension.autoconfigure.FlushPolicyIntegrationTests$ThrowingFlusher "
						+ "failed on SHUTDOWN: java.lang.IllegalStateException", WAIT);
		assertThat(this.logs.messages(Level.WARNING)).containsExactly(
				"Telemetry flusher dev.lambdaextension.autoconfigure.FlushPolicyIntegrationTests$ThrowingFlusher "
						+ "failed on INVOCATION_COMPLETED: java.lang.IllegalStateException",
				"Telemetry flusher dev.lambdaextension.autoconfigure.FlushPolicyIntegrationTests$ThrowingFlusher "
						+ "failed on INVOCATION_COMPLETED: java.lang.IllegalStateException",
				"Telemetry flusher dev.lambdaextension.autoconfigure.FlushPolicyIntegrationTests$ThrowingFlusher "
						+ "failed on SHUTDOWN: java.lang.IllegalStateException");
	}

	@Test
	void managedInstancesShouldRefuseEndOfInvocationNamingTheProperty() {
		this.extension.runner(LambdaEmulator.builder().managedInstances(true)).withBean(FlushRecorder.class)
			.withPropertyValues("AWS_LAMBDA_INITIALIZATION_TYPE=lambda-managed-instances",
					"lambda.extension.flush.policy=end-of-invocation")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("lambda.extension.flush.policy must be periodic or continuous"));
	}

	@Test
	void managedInstancesShouldFlushPeriodicallyWhenThePolicyIsUnset() {
		this.extension.runner(LambdaEmulator.builder().managedInstances(true)).withBean(FlushRecorder.class)
			.withPropertyValues("AWS_LAMBDA_INITIALIZATION_TYPE=lambda-managed-instances",
					"lambda.extension.flush.interval=100ms")
			.run((context) -> {
				FlushRecorder recorder = context.getBean(FlushRecorder.class);
				recorder.await(() -> recorder.count(FlushTrigger.PERIODIC) >= 1);
			});
	}

	@Test
	void intervalOutOfRangeShouldFailStartupNamingThePropertyAndRange() {
		runner().withPropertyValues("lambda.extension.flush.interval=50ms")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'interval' must be between 100ms and 15m"));
	}

	private void shutDownAndExit() throws Exception {
		emulator().shutdown("spindown");
		assertThat(this.extension.exitStatus().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
	}

	record Flush(FlushTrigger trigger, Set<String> runtimeDoneSeen) {
	}

	static class FlushRecorder implements TelemetryFlusher {

		final List<Flush> flushes = new CopyOnWriteArrayList<>();

		private final Set<String> runtimeDone = ConcurrentHashMap.newKeySet();

		@TelemetryListener(types = TelemetryTypes.PLATFORM_RUNTIME_DONE)
		void onRuntimeDone(List<TelemetryEvent> events) {
			events.forEach((event) -> this.runtimeDone.add(((PlatformRuntimeDone) event).requestId()));
		}

		@Override
		public synchronized void flush(FlushTrigger trigger) {
			this.flushes.add(new Flush(trigger, Set.copyOf(this.runtimeDone)));
			notifyAll();
		}

		synchronized void await(BooleanSupplier condition) throws InterruptedException {
			long deadline = System.nanoTime() + WAIT.toNanos();
			while (!condition.getAsBoolean()) {
				long left = deadline - System.nanoTime();
				assertThat(left).as("flushes in time: %s", triggers()).isPositive();
				TimeUnit.NANOSECONDS.timedWait(this, left);
			}
		}

		List<FlushTrigger> triggers() {
			List<FlushTrigger> triggers = new ArrayList<>();
			this.flushes.forEach((flush) -> triggers.add(flush.trigger()));
			return triggers;
		}

		long count(FlushTrigger trigger) {
			return this.flushes.stream().filter((flush) -> flush.trigger() == trigger).count();
		}

	}

	@Order(1)
	static class ThrowingFlusher implements TelemetryFlusher {

		private final List<String> calls;

		ThrowingFlusher(List<String> calls) {
			this.calls = calls;
		}

		@Override
		public void flush(FlushTrigger trigger) {
			this.calls.add("throwing");
			throw new IllegalStateException("exporter down");
		}

	}

	@Order(2)
	static class LaterFlusher implements TelemetryFlusher {

		private final List<String> calls;

		LaterFlusher(List<String> calls) {
			this.calls = calls;
		}

		@Override
		public void flush(FlushTrigger trigger) {
			this.calls.add("later");
		}

	}

}
