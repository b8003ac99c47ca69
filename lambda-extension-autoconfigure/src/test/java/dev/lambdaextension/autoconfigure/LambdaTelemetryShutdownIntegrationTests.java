package dev.lambdaextension.autoconfigure;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.lambdaextension.lifecycle.ExtensionInvocationCompletedEvent;
import dev.lambdaextension.lifecycle.ExtensionShutdownCompletedEvent;
import dev.lambdaextension.lifecycle.ExtensionShutdownEvent;
import dev.lambdaextension.lifecycle.TelemetrySubscriber;
import dev.lambdaextension.telemetry.FunctionLog;
import dev.lambdaextension.telemetry.PlatformReport;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryListener;
import dev.lambdaextension.test.emulator.EmulatedTelemetrySubscription;
import dev.lambdaextension.test.emulator.Invocation;
import dev.lambdaextension.test.emulator.InvocationStatus;
import dev.lambdaextension.test.emulator.InvokeRequest;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.logging.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the telemetry side of {@code SHUTDOWN}, of each invocation's end, of Lambda
 * Managed Instances and of subscription failures, against the local Lambda emulator.
 */
class LambdaTelemetryShutdownIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	final LogCapture logs = LogCapture.of("dev.lambdaextension");

	@RegisterExtension
	final EmulatedExtensionRunner extension = new EmulatedExtensionRunner("shutdown-test");

	private LambdaEmulator emulator() {
		return this.extension.emulator();
	}

	@Test
	void reportOfTheLastInvocationShouldBeDeliveredBeforeShutdownCompletes() {
		this.extension.runner(LambdaEmulator.builder()).withBean(ReportRecorder.class).run((context) -> {
			ReportRecorder recorder = context.getBean(ReportRecorder.class);
			emulator().awaitInitComplete(WAIT);
			Invocation invocation = emulator().invoke();
			invocation.awaitExtensionsDone(WAIT);
			assertThat(emulator().isFrozen()).isTrue();
			assertThat(recorder.reports).doesNotContain(invocation.requestId());
			emulator().shutdown("spindown");
			assertThat(this.extension.exitStatus().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
			assertThat(recorder.shutdownStarted).isNotNull();
			ExtensionShutdownCompletedEvent completed = recorder.completed;
			assertThat(completed).isNotNull();
			assertThat(completed.lostEvents()).isZero();
			assertThat(recorder.reportsAtCompletion).contains(invocation.requestId());
		});
	}

	@Test
	void listenerStuckPastTheShutdownMarginShouldExitOneAndCountEveryLostEvent() {
		this.extension.runner(LambdaEmulator.builder()).withBean(StuckLogListener.class)
			.withBean(ReportRecorder.class)
			.withPropertyValues("lambda.extension.telemetry.barrier.enabled=false",
					"lambda.extension.telemetry.types=function")
			.run((context) -> {
				StuckLogListener listener = context.getBean(StuckLogListener.class);
				ReportRecorder recorder = context.getBean(ReportRecorder.class);
				emulator().awaitInitComplete(WAIT);
				emulator().invoke(InvokeRequest.builder().log("one").log("two").log("three").build())
					.awaitExtensionsDone(WAIT);
				assertThat(listener.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
				assertThat(emulator().telemetry().flush(WAIT)).isTrue();
				emulator().shutdown("spindown", Duration.ofSeconds(1));
				try {
					assertThat(this.extension.exitStatus().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
					assertThat(recorder.completed.lostEvents()).isEqualTo(3);
				}
				finally {
					listener.release.countDown();
				}
			});
		this.logs.await(Level.WARNING,
				"platform.report of 1 invocation(s) did not arrive before the telemetry went quiet", WAIT);
		this.logs.await(Level.WARNING, "Telemetry drain deadline passed: 0 event(s) delivered, 3 undelivered", WAIT);
		assertThat(this.logs.messages(Level.WARNING)).containsExactly(
				"platform.report of 1 invocation(s) did not arrive before the telemetry went quiet",
				"Telemetry drain deadline passed: 0 event(s) delivered, 3 undelivered");
		this.logs.await(Level.ERROR,
				"Exiting with status 1: 3 telemetry event(s) accepted from Lambda were never delivered to the "
						+ "listeners", WAIT);
		assertThat(this.logs.messages(Level.ERROR)).containsExactly(
				"Exiting with status 1: 3 telemetry event(s) accepted from Lambda were never delivered to the "
						+ "listeners");
	}

	@Test
	void invocationCompletedShouldCarryTheRuntimeDoneThatPassedTheBarrier() {
		this.extension.runner(LambdaEmulator.builder()).withBean(ReportRecorder.class).run((context) -> {
			emulator().awaitInitComplete(WAIT);
			Invocation invocation = emulator().invoke(InvokeRequest.builder().status(InvocationStatus.ERROR).errorType("Function.Boom").build());
			invocation.awaitExtensionsDone(WAIT);
			ExtensionInvocationCompletedEvent completed = context.getBean(ReportRecorder.class).invocations.get(0);
			assertThat(completed.requestId()).isEqualTo(invocation.requestId());
			assertThat(completed.runtimeDone()).isNotNull();
			assertThat(completed.runtimeDone().requestId()).isEqualTo(invocation.requestId());
			assertThat(completed.runtimeDone().isSuccess()).isFalse();
		});
	}

	@Test
	void barrierShouldSubscribeToPlatformWithoutHandingItsEventsToListeners() {
		this.extension.runner(LambdaEmulator.builder()).withBean(EverythingListener.class)
			.withBean(ReportRecorder.class)
			.withPropertyValues("lambda.extension.telemetry.types=function")
			.run((context) -> {
				emulator().awaitInitComplete(WAIT);
				assertThat(emulator().telemetry().subscriptions().get(0).types()).containsExactly("platform", "function");
				assertThat(context.getBean(TelemetrySubscriber.class).isPlatformAddedForBarrier()).isTrue();
				Invocation invocation = emulator().invoke(InvokeRequest.builder().log("hello").build());
				invocation.awaitExtensionsDone(WAIT);
				assertThat(context.getBean(ReportRecorder.class).invocations.get(0).runtimeDone()).isNotNull();
				assertThat(context.getBean(EverythingListener.class).events).singleElement()
					.isInstanceOf(FunctionLog.class);
			});
	}

	@Test
	void serverErrorOnSubscribeShouldBeRetried() {
		ApplicationContextRunner runner = this.extension.runner(LambdaEmulator.builder())
			.withBean(ReportRecorder.class);
		emulator().faults().failNext(LambdaEmulator.TELEMETRY_PATH, 500, 2);
		runner.run((context) -> {
			emulator().awaitInitComplete(WAIT);
			assertThat(emulator().history().calls(LambdaEmulator.TELEMETRY_PATH)).extracting((call) -> call.status())
				.containsExactly(500, 500, 200);
			assertThat(emulator().telemetry().subscriptions()).hasSize(1);
		});
		assertSubscriptionRetriedTwice();
	}

	@Test
	void serverErrorsOnSubscribeBeyondTheRetriesShouldFailInitThroughInitError() {
		ApplicationContextRunner runner = this.extension.runner(LambdaEmulator.builder())
			.withBean(ReportRecorder.class);
		emulator().faults().failNext(LambdaEmulator.TELEMETRY_PATH, 500, 3);
		runner.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(emulator().history().calls(LambdaEmulator.TELEMETRY_PATH)).hasSize(3);
			assertThat(emulator().extensions().get(0).initErrorType()).isEqualTo("InternalServerError");
		});
		assertSubscriptionRetriedTwice();
	}

	private void assertSubscriptionRetriedTwice() {
		this.logs.await(Level.WARNING, subscriptionRetry(1), WAIT);
		this.logs.await(Level.WARNING, subscriptionRetry(2), WAIT);
		assertThat(this.logs.messages(Level.WARNING)).containsExactly(subscriptionRetry(1), subscriptionRetry(2));
	}

	private static String subscriptionRetry(int attempt) {
		return "Telemetry API subscription failed (attempt " + attempt + " of 3), retrying: telemetry subscription "
				+ "failed with HTTP 500 InternalServerError: Injected fault";
	}

	@Test
	void managedInstancesShouldRegisterForShutdownOnlyAndSubscribeWithTheNewestSchemaAndLambdasBuffering() {
		this.extension.runner(LambdaEmulator.builder()).withBean(ReportRecorder.class)
			.withPropertyValues("AWS_LAMBDA_INITIALIZATION_TYPE=lambda-managed-instances")
			.run((context) -> {
				emulator().awaitInitComplete(WAIT);
				assertThat(emulator().extension("shutdown-test").events()).containsExactly("SHUTDOWN");
				EmulatedTelemetrySubscription subscription = emulator().telemetry().subscriptions().get(0);
				assertThat(subscription.schemaVersion()).isEqualTo("2025-01-29");
				assertThat(subscription.timeoutMs()).isEqualTo(1000);
				assertThat(subscription.types()).containsExactly("platform");
				assertThat(context.getBean(TelemetrySubscriber.class).isPlatformAddedForBarrier()).isFalse();
			});
	}

	@Test
	void managedInstancesShouldDeliverTheReportsOfInterleavedInvocationsBeforeShutdownCompletes() {
		this.extension.runner(LambdaEmulator.builder().managedInstances(true)).withBean(ReportRecorder.class)
			.withPropertyValues("AWS_LAMBDA_INITIALIZATION_TYPE=lambda-managed-instances")
			.run((context) -> {
				ReportRecorder recorder = context.getBean(ReportRecorder.class);
				emulator().awaitInitComplete(WAIT);
				Invocation first = emulator().startInvocation(InvokeRequest.success());
				Invocation second = emulator().startInvocation(InvokeRequest.success());
				second.complete();
				first.complete();
				emulator().shutdown("spindown");
				assertThat(this.extension.exitStatus().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
				assertThat(recorder.reportsAtCompletion).containsExactlyInAnyOrder(first.requestId(),
						second.requestId());
				assertThat(recorder.completed.lostEvents()).isZero();
				assertThat(recorder.invocations).isEmpty();
			});
	}

	@Test
	@SuppressWarnings("try")
	void stalledSendersShouldNotHoldUpDeliveries() throws Exception {
		this.extension.runner(LambdaEmulator.builder()).withBean(ReportRecorder.class)
			.withPropertyValues("lambda.extension.telemetry.barrier.timeout=10s")
			.run((context) -> {
				emulator().awaitInitComplete(WAIT);
				try (AutoCloseable one = emulator().faults().openStalledTelemetryConnection("shutdown-test");
						AutoCloseable two = emulator().faults().openStalledTelemetryConnection("shutdown-test")) {
					Invocation invocation = emulator().invoke();
					invocation.awaitExtensionsDone(WAIT);
					assertThat(context.getBean(ReportRecorder.class).invocations).singleElement()
						.satisfies((completed) -> assertThat(completed.runtimeDone()).isNotNull());
				}
			});
	}

	@Test
	void managedInstancesShouldRefuseInvokeWithAMessageNamingTheProperty() {
		this.extension.runner(LambdaEmulator.builder())
			.withPropertyValues("lambda.extension.managed-instances=true", "lambda.extension.events=INVOKE,SHUTDOWN")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("lambda.extension.events must not contain INVOKE on Lambda Managed Instances");
			});
	}

	@Test
	void managedInstancesShouldRefuseAnOlderSchemaVersion() {
		this.extension.runner(LambdaEmulator.builder()).withBean(ReportRecorder.class)
			.withPropertyValues("lambda.extension.managed-instances=true",
					"lambda.extension.telemetry.schema-version=2022-12-13")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("schema-version must be 2025-01-29 on Lambda Managed Instances");
			});
	}

	static class ReportRecorder {

		final List<String> reports = new CopyOnWriteArrayList<>();

		final List<ExtensionInvocationCompletedEvent> invocations = new CopyOnWriteArrayList<>();

		volatile ExtensionShutdownEvent shutdownStarted;

		volatile ExtensionShutdownCompletedEvent completed;

		volatile List<String> reportsAtCompletion;

		@TelemetryListener(types = "platform.report")
		void onReport(PlatformReport report) {
			this.reports.add(report.requestId());
		}

		@EventListener
		void onInvocationCompleted(ExtensionInvocationCompletedEvent event) {
			this.invocations.add(event);
		}

		@EventListener
		void onShutdown(ExtensionShutdownEvent event) {
			this.shutdownStarted = event;
		}

		@EventListener
		void onShutdownCompleted(ExtensionShutdownCompletedEvent event) {
			this.reportsAtCompletion = List.copyOf(this.reports);
			this.completed = event;
		}

	}

	static class StuckLogListener {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@TelemetryListener(types = "function")
		void onLog(List<FunctionLog> batch) throws InterruptedException {
			this.entered.countDown();
			this.release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
		}

	}

	static class EverythingListener {

		final List<TelemetryEvent> events = new CopyOnWriteArrayList<>();

		@TelemetryListener
		void onEvents(List<TelemetryEvent> batch) {
			this.events.addAll(batch);
		}

	}

}
