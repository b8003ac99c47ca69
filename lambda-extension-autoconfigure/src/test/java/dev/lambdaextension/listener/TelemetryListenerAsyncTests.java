package dev.lambdaextension.listener;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.lambdaextension.telemetry.FunctionLog;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryListener;
import dev.lambdaextension.telemetry.dispatch.DrainResult;
import dev.lambdaextension.test.logging.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@code @TelemetryListener(async = true)} in the {@link TelemetryListenerRegistry}.
 */
class TelemetryListenerAsyncTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	final LogCapture logs = LogCapture.of("dev.lambdaextension");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(TelemetryListenerTestConfiguration.class);

	@Test
	void fullQueueShouldDropTheBatchForThatListenerOnlyAndCountIt() {
		this.contextRunner.withBean(BlockingAsyncListener.class).withBean(SyncListener.class).run((context) -> {
			TelemetryListenerRegistry registry = context.getBean(TelemetryListenerRegistry.class);
			BlockingAsyncListener async = context.getBean(BlockingAsyncListener.class);
			SyncListener sync = context.getBean(SyncListener.class);
			try {
				registry.consume(TestTelemetry.batch(TestTelemetry.functionLog("one")));
				assertThat(async.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
				registry.consume(TestTelemetry.batch(TestTelemetry.functionLog("two")));
				registry.consume(TestTelemetry.batch(TestTelemetry.functionLog("three"), TestTelemetry.functionLog("four")));
				assertThat(sync.events).hasSize(4);
				assertThat(sync.threads).containsOnly(Thread.currentThread().getName());
				TelemetryListenerDescriptor descriptor = registry.getListener("blocking");
				assertThat(descriptor.async()).isTrue();
				assertThat(descriptor.droppedEvents()).isEqualTo(2);
				assertThat(registry.getListener("sync").async()).isFalse();
				assertThat(registry.lostEvents()).isEqualTo(2);
			}
			finally {
				async.release.countDown();
			}
			DrainResult result = registry.drain(Instant.now().plus(WAIT));
			assertThat(result.undelivered()).isZero();
			assertThat(async.events).extracting(FunctionLog::message).containsExactly("one", "two");
			assertThat(async.threads).containsOnly(AsyncListenerDelivery.THREAD_NAME_PREFIX + "blocking");
			assertThat(registry.lostEvents()).isEqualTo(2);
		});
	}

	@Test
	void invalidQueueCapacityShouldFailStartup() {
		this.contextRunner.withBean(NoQueueListener.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidTelemetryListenerException.class)
				.hasMessageContaining("has queueCapacity 0; it must be at least 1");
		});
	}

	static class BlockingAsyncListener {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		final List<FunctionLog> events = new CopyOnWriteArrayList<>();

		final List<String> threads = new CopyOnWriteArrayList<>();

		@TelemetryListener(id = "blocking", async = true, queueCapacity = 1)
		void onLog(FunctionLog log) throws InterruptedException {
			this.entered.countDown();
			this.release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
			this.events.add(log);
			this.threads.add(Thread.currentThread().getName());
		}

	}

	static class SyncListener {

		final List<TelemetryEvent> events = new CopyOnWriteArrayList<>();

		final List<String> threads = new CopyOnWriteArrayList<>();

		@TelemetryListener(id = "sync")
		void onEvents(List<TelemetryEvent> batch) {
			this.events.addAll(batch);
			this.threads.add(Thread.currentThread().getName());
		}

	}

	static class NoQueueListener {

		@TelemetryListener(async = true, queueCapacity = 0)
		void onLog(FunctionLog log) {
		}

	}

}
