package dev.lambdaextension.autoconfigure;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.lambdaextension.lifecycle.ExtensionExitHandler;
import dev.lambdaextension.lifecycle.ExtensionShutdownCompletedEvent;
import dev.lambdaextension.lifecycle.ExtensionShutdownEvent;
import dev.lambdaextension.listener.TelemetryListenerDescriptor;
import dev.lambdaextension.listener.TelemetryListenerRegistry;
import dev.lambdaextension.telemetry.FunctionLog;
import dev.lambdaextension.telemetry.LogRecord;
import dev.lambdaextension.telemetry.TelemetryListener;
import dev.lambdaextension.test.emulator.Invocation;
import dev.lambdaextension.test.emulator.InvokeRequest;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.logging.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for asynchronous telemetry listeners against the local Lambda emulator: a listener
 * stuck until {@code SHUTDOWN} holds up neither a synchronous listener nor the barrier,
 * and the shutdown drain delivers its backlog.
 */
class AsyncTelemetryListenerIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	final LogCapture logs = LogCapture.of("dev.lambdaextension");

	private final CompletableFuture<Integer> exitStatus = new CompletableFuture<>();

	private final LambdaEmulator emulator = LambdaEmulator.builder().build();

	@AfterEach
	void closeEmulator() {
		this.emulator.close();
	}

	@Test
	void slowAsyncListenerShouldNotDelaySyncListenersNorTheBarrierAndLoseNothingAtShutdown() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LambdaExtensionAutoConfiguration.class,
					LambdaTelemetryAutoConfiguration.class))
			.withBean(ExtensionExitHandler.class, () -> this.exitStatus::complete)
			.withBean(SlowAsyncListener.class)
			.withBean(SyncListener.class)
			.withBean(ShutdownRecorder.class)
			.withPropertyValues("lambda.extension.name=async-test",
					"lambda.extension.runtime-api=" + this.emulator.runtimeApi())
			.run((context) -> {
				SlowAsyncListener slow = context.getBean(SlowAsyncListener.class);
				SyncListener sync = context.getBean(SyncListener.class);
				ShutdownRecorder recorder = context.getBean(ShutdownRecorder.class);
				TelemetryListenerRegistry registry = context.getBean(TelemetryListenerRegistry.class);
				this.emulator.awaitInitComplete(WAIT);
				try {
					Invocation first = this.emulator.invoke(InvokeRequest.builder().log("one").log("two").build());
					first.awaitExtensionsDone(WAIT);
					assertThat(slow.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
					Invocation second = this.emulator.invoke(InvokeRequest.builder().log("three").build());
					second.awaitExtensionsDone(WAIT);
					assertThat(sync.received.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
					assertThat(sync.messages).containsExactly("one", "two", "three");
					assertThat(slow.messages).isEmpty();
					assertThat(this.emulator.telemetry().flush(WAIT)).isTrue();
					this.emulator.shutdown("spindown");
					assertThat(this.exitStatus.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
				}
				finally {
					slow.release.countDown();
				}
				assertThat(recorder.messagesAtShutdown).isEmpty();
				assertThat(slow.messages).containsExactly("one", "two", "three");
				assertThat(recorder.completed.lostEvents()).isZero();
				TelemetryListenerDescriptor descriptor = registry.getListener("slow");
				assertThat(descriptor.async()).isTrue();
				assertThat(descriptor.droppedEvents()).isZero();
				assertThat(descriptor.undeliveredEvents()).isZero();
			});
		// The last invocation's platform.report comes with the next thaw, so shutdown may not see it in time.
		assertThat(this.logs.messages(Level.WARNING))
			.isSubsetOf("platform.report of 1 invocation(s) did not arrive before the telemetry went quiet");
	}

	private static String text(LogRecord log) {
		return log.message().substring(log.message().lastIndexOf('\t') + 1);
	}

	static class SlowAsyncListener {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		final List<String> messages = new CopyOnWriteArrayList<>();

		@TelemetryListener(id = "slow", types = "function", async = true)
		void onLog(FunctionLog log) throws InterruptedException {
			this.entered.countDown();
			this.release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
			this.messages.add(text(log));
		}

	}

	static class SyncListener {

		final CountDownLatch received = new CountDownLatch(3);

		final List<String> messages = new CopyOnWriteArrayList<>();

		@TelemetryListener(types = "function")
		void onLog(LogRecord log) {
			this.messages.add(text(log));
			this.received.countDown();
		}

	}

	static class ShutdownRecorder {

		private final SlowAsyncListener slow;

		volatile List<String> messagesAtShutdown;

		volatile ExtensionShutdownCompletedEvent completed;

		ShutdownRecorder(SlowAsyncListener slow) {
			this.slow = slow;
		}

		@EventListener
		void onShutdown(ExtensionShutdownEvent event) {
			this.messagesAtShutdown = List.copyOf(this.slow.messages);
			this.slow.release.countDown();
		}

		@EventListener
		void onShutdownCompleted(ExtensionShutdownCompletedEvent event) {
			this.completed = event;
		}

	}

}
