package dev.lambdaextension.lifecycle;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.lambdaextension.autoconfigure.LambdaExtensionAutoConfiguration;
import dev.lambdaextension.client.ExtensionsApiException;
import dev.lambdaextension.client.ShutdownReason;
import dev.lambdaextension.test.emulator.Invocation;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.logging.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ExtensionEventLoop} against the local Lambda emulator.
 */
class ExtensionEventLoopIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String NEXT = "/2020-01-01/extension/event/next";

	@RegisterExtension
	final LogCapture logs = LogCapture.of("dev.lambdaextension");

	private LambdaEmulator emulator;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void startEmulator() {
		this.emulator = LambdaEmulator.builder().functionName("orders-api").accountId("210987654321").build();
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LambdaExtensionAutoConfiguration.class))
			.withUserConfiguration(RecordingConfiguration.class)
			.withPropertyValues("lambda.extension.name=recorder",
					"lambda.extension.runtime-api=" + this.emulator.runtimeApi(),
					"lambda.extension.retry.initial-delay=10ms");
	}

	@AfterEach
	void closeEmulator() {
		this.emulator.close();
	}

	@Test
	void lifecycleShouldPublishRegisterInvokeAndShutdownThenExitZero() {
		this.contextRunner.run((context) -> {
			Recorder recorder = context.getBean(Recorder.class);
			this.emulator.awaitInitComplete(WAIT);
			ExtensionRegisteredEvent registered = recorder.registered.get(0);
			assertThat(registered.extensionId()).isEqualTo(this.emulator.extensions().get(0).id());
			assertThat(registered.functionName()).isEqualTo("orders-api");
			assertThat(registered.functionVersion()).isEqualTo("$LATEST");
			assertThat(registered.accountId()).isEqualTo("210987654321");
			for (int i = 0; i < 3; i++) {
				Invocation invocation = this.emulator.invoke();
				invocation.awaitExtensionsDone(WAIT);
				ExtensionInvokeEvent invoke = recorder.invokes.get(i);
				assertThat(invoke.requestId()).isEqualTo(invocation.requestId());
				assertThat(invoke.deadline()).isEqualTo(invocation.deadline());
				assertThat(invoke.invokedFunctionArn()).endsWith(":function:orders-api");
			}
			Instant before = Instant.now();
			this.emulator.shutdown("spindown", Duration.ofSeconds(2));
			assertThat(recorder.exitStatus.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
			ExtensionShutdownEvent shutdown = recorder.shutdowns.get(0);
			assertThat(shutdown.reason()).isEqualTo(ShutdownReason.SPINDOWN);
			assertThat(shutdown.deadline()).isAfter(before);
			assertThat(recorder.exitedAt).isBefore(shutdown.deadline());
			assertThat(context.isClosed()).isTrue();
		});
	}

	@Test
	void nextShouldWaitForInvokeListenersToReturn() {
		this.contextRunner.withBean(SlowInvokeListener.class).run((context) -> {
			this.emulator.awaitInitComplete(WAIT);
			SlowInvokeListener listener = context.getBean(SlowInvokeListener.class);
			Invocation invocation = this.emulator.invoke();
			assertThat(listener.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(invocation.isDone()).isFalse();
			assertThat(this.emulator.extension("recorder").parked()).isFalse();
			listener.release.countDown();
			invocation.awaitExtensionsDone(WAIT);
			assertThat(this.emulator.extension("recorder").parked()).isTrue();
		});
	}

	@Test
	void throwingInvokeListenerShouldNotStopTheLoop() {
		this.contextRunner.withBean(ThrowingInvokeListener.class).run((context) -> {
			this.emulator.awaitInitComplete(WAIT);
			this.emulator.invoke().awaitExtensionsDone(WAIT);
			this.emulator.invoke().awaitExtensionsDone(WAIT);
			assertThat(context.getBean(ThrowingInvokeListener.class).calls).isEqualTo(2);
			assertThat(context.getBean(ExtensionEventLoop.class).getState()).isEqualTo(ExtensionState.RUNNING);
		});
		this.logs.await(Level.ERROR, "INVOKE listener failed for request", WAIT);
		assertThat(this.logs.records(Level.ERROR)).hasSize(2).allSatisfy((record) -> {
			assertThat(record.message()).startsWith("INVOKE listener failed for request ");
			assertThat(record.thrown()).isInstanceOf(IllegalStateException.class).hasMessage("boom");
		});
	}

	@Test
	void serverErrorsOnNextShouldBeRetriedThenReportedThroughExitError() {
		this.contextRunner.withPropertyValues("lambda.extension.retry.max-attempts=3").run((context) -> {
			Recorder recorder = context.getBean(Recorder.class);
			ExtensionEventLoop loop = context.getBean(ExtensionEventLoop.class);
			this.emulator.awaitInitComplete(WAIT);
			this.emulator.faults().failNext(NEXT, 500, 3);
			this.emulator.invoke();
			assertThat(recorder.exitStatus.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
			assertThat(this.emulator.history().calls(NEXT).stream().filter((call) -> call.status() == 500)).hasSize(3);
			assertThat(this.emulator.extensions().get(0).exitErrorType()).isEqualTo("InternalServerError");
			assertThat(loop.getState()).isEqualTo(ExtensionState.FAILED);
		});
		this.logs.await(Level.WARNING,
				"event/next failed (attempt 1 of 3), retrying in 10 ms: next failed with HTTP 500 "
						+ "InternalServerError: Injected fault", WAIT);
		this.logs.await(Level.WARNING,
				"event/next failed (attempt 2 of 3), retrying in 20 ms: next failed with HTTP 500 "
						+ "InternalServerError: Injected fault", WAIT);
		assertThat(this.logs.messages(Level.WARNING)).containsExactly(
				"event/next failed (attempt 1 of 3), retrying in 10 ms: next failed with HTTP 500 "
						+ "InternalServerError: Injected fault",
				"event/next failed (attempt 2 of 3), retrying in 20 ms: next failed with HTTP 500 "
						+ "InternalServerError: Injected fault");
		assertThat(this.logs
			.await(Level.ERROR,
					"Extension event loop failed: next failed with HTTP 500 InternalServerError: Injected fault", WAIT)
			.thrown())
			.isInstanceOf(ExtensionsApiException.class);
		assertThat(this.logs.records(Level.ERROR)).hasSize(1);
	}

	@Test
	void transientServerErrorOnNextShouldBeRetried() {
		this.contextRunner.run((context) -> {
			this.emulator.awaitInitComplete(WAIT);
			this.emulator.faults().failNext(NEXT, 500, 1);
			Invocation first = this.emulator.invoke();
			first.awaitExtensionsDone(WAIT);
			Invocation second = this.emulator.invoke();
			second.awaitExtensionsDone(WAIT);
			assertThat(context.getBean(Recorder.class).invokes).extracting(ExtensionInvokeEvent::requestId)
				.containsExactly(first.requestId(), second.requestId());
		});
		this.logs.await(Level.WARNING,
				"event/next failed (attempt 1 of 3), retrying in 10 ms: next failed with HTTP 500 "
						+ "InternalServerError: Injected fault", WAIT);
		assertThat(this.logs.messages(Level.WARNING)).containsExactly(
				"event/next failed (attempt 1 of 3), retrying in 10 ms: next failed with HTTP 500 "
						+ "InternalServerError: Injected fault");
	}

	@Test
	void unknownEventTypeShouldBePublishedAndTheLoopGoOn() {
		this.contextRunner.run((context) -> {
			Recorder recorder = context.getBean(Recorder.class);
			this.emulator.awaitInitComplete(WAIT);
			this.emulator.faults().failNext(NEXT, 200, "{\"eventType\":\"RESTORE\",\"deadlineMs\":1}", 1);
			this.emulator.invoke().awaitExtensionsDone(WAIT);
			Invocation second = this.emulator.invoke();
			second.awaitExtensionsDone(WAIT);
			assertThat(recorder.unrecognized).singleElement()
				.satisfies((event) -> assertThat(event.eventType()).isEqualTo("RESTORE"));
			assertThat(recorder.invokes).last().extracting(ExtensionInvokeEvent::requestId).isEqualTo(second.requestId());
			assertThat(context.getBean(ExtensionEventLoop.class).getState()).isEqualTo(ExtensionState.RUNNING);
		});
		this.logs.await(Level.WARNING,
				"event/next returned event type RESTORE (unknown eventType); asking for the next event", WAIT);
		assertThat(this.logs.messages(Level.WARNING)).containsExactly(
				"event/next returned event type RESTORE (unknown eventType); asking for the next event");
	}

	@Test
	void truncatedEventShouldBePublishedAndTheLoopGoOn() {
		this.contextRunner.run((context) -> {
			Recorder recorder = context.getBean(Recorder.class);
			this.emulator.awaitInitComplete(WAIT);
			this.emulator.faults().failNext(NEXT, 200, "{\"eventType\":\"INVOKE\",\"deadlineMs\":17323", 1);
			this.emulator.invoke().awaitExtensionsDone(WAIT);
			this.emulator.invoke().awaitExtensionsDone(WAIT);
			assertThat(recorder.unrecognized).singleElement().satisfies((event) -> {
				assertThat(event.eventType()).isEqualTo("INVOKE");
				assertThat(event.problem()).contains("not valid JSON");
			});
			assertThat(recorder.invokes).hasSize(2);
		});
		assertThat(this.logs.messages(Level.WARNING)).containsExactly("event/next returned event type INVOKE "
				+ "(body of 40 bytes is not valid JSON); asking for the next event");
	}

	@Test
	void invocationCompletedShouldFollowEachInvokeBeforeTheNextCall() {
		this.contextRunner.run((context) -> {
			Recorder recorder = context.getBean(Recorder.class);
			this.emulator.awaitInitComplete(WAIT);
			Invocation invocation = this.emulator.invoke();
			invocation.awaitExtensionsDone(WAIT);
			assertThat(recorder.order).containsExactly("invoke " + invocation.requestId(),
					"completed " + invocation.requestId());
		});
	}

	@Test
	void nextShouldWaitForInvocationCompletedListenersToReturn() {
		this.contextRunner.withBean(SlowCompletedListener.class).run((context) -> {
			this.emulator.awaitInitComplete(WAIT);
			SlowCompletedListener listener = context.getBean(SlowCompletedListener.class);
			Invocation invocation = this.emulator.invoke();
			assertThat(listener.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(invocation.isDone()).isFalse();
			listener.release.countDown();
			invocation.awaitExtensionsDone(WAIT);
		});
	}

	@Test
	void shutdownCompletedShouldBePublishedBeforeTheExit() {
		this.contextRunner.run((context) -> {
			Recorder recorder = context.getBean(Recorder.class);
			this.emulator.awaitInitComplete(WAIT);
			this.emulator.shutdown("spindown");
			assertThat(recorder.exitStatus.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
			assertThat(recorder.order).containsExactly("shutdown", "shutdown completed");
			assertThat(recorder.shutdownCompleted.lostEvents()).isZero();
		});
	}

	@Test
	void managedInstancesShouldRegisterForShutdownOnly() {
		this.contextRunner.withPropertyValues("lambda.extension.managed-instances=true").run((context) -> {
			this.emulator.awaitInitComplete(WAIT);
			assertThat(this.emulator.extension("recorder").events()).containsExactly("SHUTDOWN");
		});
	}

	@Test
	void missingNameShouldFailStartupSayingHowToSetIt() {
		this.contextRunner.withPropertyValues("lambda.extension.name=").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("set lambda.extension.name");
		});
		assertThat(this.emulator.history().calls()).isEmpty();
	}

	@Test
	void refusedRegistrationShouldFailStartupWithOneLineCause() {
		this.emulator.faults().failNext("/2020-01-01/extension/register", 403, 1);
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(apiFailure(context.getStartupFailure())).hasMessageStartingWith("register failed with HTTP 403")
				.hasMessageNotContaining("\n");
		});
	}

	@Test
	void unreachableRuntimeApiShouldFailStartupQuickly() {
		this.emulator.close();
		Instant start = Instant.now();
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(apiFailure(context.getStartupFailure())).hasMessageContaining("unreachable")
				.hasMessageContaining(this.emulator.runtimeApi());
		});
		assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void failingRegisteredListenerShouldReportInitError() {
		this.contextRunner.withBean(FailingRegisteredListener.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(this.emulator.extensions().get(0).initErrorType()).isEqualTo("Extension.IllegalStateException");
		});
	}

	private static ExtensionsApiException apiFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ExtensionsApiException apiFailure) {
				return apiFailure;
			}
		}
		throw new AssertionError("No ExtensionsApiException in " + failure);
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingConfiguration {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

		@Bean
		ExtensionExitHandler recordingExitHandler(Recorder recorder) {
			return (status) -> {
				recorder.exitedAt = Instant.now();
				recorder.exitStatus.complete(status);
			};
		}

	}

	static class Recorder {

		final List<ExtensionRegisteredEvent> registered = new CopyOnWriteArrayList<>();

		final List<ExtensionInvokeEvent> invokes = new CopyOnWriteArrayList<>();

		final List<ExtensionShutdownEvent> shutdowns = new CopyOnWriteArrayList<>();

		final List<ExtensionUnrecognizedEvent> unrecognized = new CopyOnWriteArrayList<>();

		final List<String> order = new CopyOnWriteArrayList<>();

		volatile ExtensionShutdownCompletedEvent shutdownCompleted;

		final CompletableFuture<Integer> exitStatus = new CompletableFuture<>();

		volatile Instant exitedAt;

		@EventListener
		void onRegistered(ExtensionRegisteredEvent event) {
			this.registered.add(event);
		}

		@EventListener
		void onInvoke(ExtensionInvokeEvent event) {
			this.invokes.add(event);
			this.order.add("invoke " + event.requestId());
		}

		@EventListener
		void onInvocationCompleted(ExtensionInvocationCompletedEvent event) {
			this.order.add("completed " + event.requestId());
		}

		@EventListener
		void onShutdown(ExtensionShutdownEvent event) {
			this.shutdowns.add(event);
			this.order.add("shutdown");
		}

		@EventListener
		void onShutdownCompleted(ExtensionShutdownCompletedEvent event) {
			this.shutdownCompleted = event;
			this.order.add("shutdown completed");
		}

		@EventListener
		void onUnrecognized(ExtensionUnrecognizedEvent event) {
			this.unrecognized.add(event);
		}

	}

	static class SlowInvokeListener {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@EventListener
		void onInvoke(ExtensionInvokeEvent event) throws InterruptedException {
			this.entered.countDown();
			this.release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
		}

	}

	static class SlowCompletedListener {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@EventListener
		void onCompleted(ExtensionInvocationCompletedEvent event) throws InterruptedException {
			this.entered.countDown();
			this.release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
		}

	}

	static class ThrowingInvokeListener {

		volatile int calls;

		@EventListener
		void onInvoke(ExtensionInvokeEvent event) {
			this.calls++;
			throw new IllegalStateException("boom");
		}

	}

	static class FailingRegisteredListener {

		@EventListener
		void onRegistered(ExtensionRegisteredEvent event) {
			throw new IllegalStateException("cannot initialise");
		}

	}

}
