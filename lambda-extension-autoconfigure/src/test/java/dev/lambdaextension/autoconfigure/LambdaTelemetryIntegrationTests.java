package dev.lambdaextension.autoconfigure;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.lambdaextension.client.DefaultTelemetryApiClient;
import dev.lambdaextension.client.RuntimeApiHttp;
import dev.lambdaextension.client.TelemetryApiClient;
import dev.lambdaextension.lifecycle.ExtensionEventLoop;
import dev.lambdaextension.lifecycle.ExtensionShutdownEvent;
import dev.lambdaextension.lifecycle.ExtensionState;
import dev.lambdaextension.lifecycle.TelemetrySubscriber;
import dev.lambdaextension.listener.SimpleTelemetryListenerEndpoint;
import dev.lambdaextension.listener.TelemetryListenerConfigurer;
import dev.lambdaextension.telemetry.FunctionLog;
import dev.lambdaextension.telemetry.PlatformReport;
import dev.lambdaextension.telemetry.PlatformRuntimeDone;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryListener;
import dev.lambdaextension.telemetry.UnknownTelemetryEvent;
import dev.lambdaextension.telemetry.receiver.TelemetryReceiver;
import dev.lambdaextension.test.emulator.EmulatedTelemetrySubscription;
import dev.lambdaextension.test.emulator.Invocation;
import dev.lambdaextension.test.emulator.InvokeRequest;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.emulator.LambdaEmulatorBuilder;
import dev.lambdaextension.test.logging.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link LambdaTelemetryAutoConfiguration} against the local Lambda emulator.
 */
class LambdaTelemetryIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	// A context closed right after Init may still hold the Init telemetry in its queue.
	@RegisterExtension
	final LogCapture logs = LogCapture.of("dev.lambdaextension")
		.allow(Level.WARNING, "Telemetry dispatcher closed with");

	@RegisterExtension
	final EmulatedExtensionRunner extension = new EmulatedExtensionRunner("telemetry-test");

	private LambdaEmulator emulator() {
		return this.extension.emulator();
	}

	private ApplicationContextRunner runner(LambdaEmulatorBuilder emulator) {
		return this.extension.runner(emulator)
			.withPropertyValues("lambda.extension.telemetry.buffering.timeout=25ms");
	}

	@Test
	void subscriptionShouldMatchPropertiesAndListenerTypes() {
		runner(LambdaEmulator.builder()).withBean(ReportListener.class)
			.withBean(FunctionLogListener.class)
			.withPropertyValues("lambda.extension.telemetry.buffering.max-items=2000",
					"lambda.extension.telemetry.buffering.max-bytes=512KB",
					"lambda.extension.telemetry.buffering.timeout=50ms",
					"lambda.extension.telemetry.schema-version=2025-01-29")
			.run((context) -> {
				emulator().awaitInitComplete(WAIT);
				EmulatedTelemetrySubscription subscription = emulator().telemetry().subscriptions().get(0);
				assertThat(subscription.types()).containsExactly("platform", "function");
				assertThat(subscription.maxItems()).isEqualTo(2000);
				assertThat(subscription.maxBytes()).isEqualTo(512 * 1024);
				assertThat(subscription.timeoutMs()).isEqualTo(50);
				assertThat(subscription.schemaVersion()).isEqualTo("2025-01-29");
				int port = context.getBean(TelemetryReceiver.class).getPort();
				assertThat(subscription.destinationUri()).isEqualTo("http://sandbox.localdomain:" + port + "/telemetry");
			});
	}

	@Test
	void tcpProtocolShouldSubscribeWithThePortAndDeliverEventsToListeners() {
		runner(LambdaEmulator.builder()).withBean(ReportListener.class)
			.withPropertyValues("lambda.extension.telemetry.protocol=tcp")
			.run((context) -> {
				emulator().awaitInitComplete(WAIT);
				TelemetryReceiver receiver = context.getBean(TelemetryReceiver.class);
				EmulatedTelemetrySubscription subscription = emulator().telemetry().subscriptions().get(0);
				assertThat(subscription.destinationUri()).isEqualTo(String.valueOf(receiver.getPort()));
				assertThat(subscription.rawBody()).contains("\"protocol\":\"TCP\"");
				Invocation invocation = emulator().invoke();
				invocation.awaitExtensionsDone(WAIT);
				String requestId = invocation.requestId();
				emulator().invoke().awaitExtensionsDone(WAIT);
				ReportListener reports = context.getBean(ReportListener.class);
				assertThat(reports.received.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
				assertThat(reports.batches.stream().flatMap(List::stream).map(PlatformReport::requestId))
					.contains(requestId);
				assertThat(receiver.getStats().eventsReceived()).isPositive();
			});
	}

	@Test
	void receiverPortInUseShouldFailWithAnAnalysisNamingTheProperty() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			runner(LambdaEmulator.builder()).withBean(ReportListener.class)
				.withPropertyValues("lambda.extension.telemetry.receiver.bind-address=127.0.0.1",
						"lambda.extension.telemetry.receiver.port=" + taken.getLocalPort())
				.run((context) -> {
					assertThat(context).hasFailed();
					FailureAnalysis analysis = new TelemetryReceiverBindFailureAnalyzer()
						.analyze(context.getStartupFailure());
					assertThat(analysis).isNotNull();
					assertThat(analysis.getDescription()).contains("telemetry receiver could not listen")
						.contains(":" + taken.getLocalPort());
					assertThat(analysis.getAction()).contains("lambda.extension.telemetry.receiver.port");
				});
		}
	}

	@Test
	void receiverCustomizerAndUserClientShouldBeUsed() {
		AtomicInteger subscribeCalls = new AtomicInteger();
		runner(LambdaEmulator.builder()).withBean(ReportListener.class)
			.withBean(TelemetryReceiverCustomizer.class, () -> (builder) -> builder.path("/customized"))
			.withBean(TelemetryApiClient.class, () -> {
				TelemetryApiClient delegate = new DefaultTelemetryApiClient(
						new RuntimeApiHttp(emulator().runtimeApi(), Duration.ofSeconds(5)));
				return (extensionId, subscription) -> {
					subscribeCalls.incrementAndGet();
					return delegate.subscribe(extensionId, subscription);
				};
			})
			.run((context) -> {
				emulator().awaitInitComplete(WAIT);
				assertThat(context).hasSingleBean(TelemetryApiClient.class);
				assertThat(subscribeCalls).hasValue(1);
				int port = context.getBean(TelemetryReceiver.class).getPort();
				assertThat(emulator().telemetry().subscriptions()).singleElement()
					.satisfies((subscription) -> assertThat(subscription.destinationUri())
						.isEqualTo("http://sandbox.localdomain:" + port + "/customized"));
			});
	}

	@Test
	void lazyInitializationShouldStillFindListeners() {
		runner(LambdaEmulator.builder())
			.withBean(LazyInitializationBeanFactoryPostProcessor.class, LazyInitializationBeanFactoryPostProcessor::new)
			.withBean(ReportListener.class)
			.run((context) -> {
				emulator().awaitInitComplete(WAIT);
				assertThat(emulator().telemetry().subscriptions()).singleElement()
					.satisfies((subscription) -> assertThat(subscription.types()).containsExactly("platform"));
			});
	}

	@Test
	void noListenerAndNoTypesShouldNotSubscribe() {
		runner(LambdaEmulator.builder()).run((context) -> {
			emulator().awaitInitComplete(WAIT);
			assertThat(emulator().history().calls(LambdaEmulator.TELEMETRY_PATH)).isEmpty();
			assertThat(context.getBean(TelemetryReceiver.class).isRunning()).isFalse();
		});
	}

	@Test
	void listenerRegisteredInCodeShouldBeSubscribedForAndReceiveItsEvents() {
		List<String> messages = new CopyOnWriteArrayList<>();
		TelemetryListenerConfigurer configurer = (registrar) -> registrar.registerEndpoint(SimpleTelemetryListenerEndpoint
			.forEachEvent("logs", List.of("function"), (event) -> messages.add(((FunctionLog) event).message())));
		runner(LambdaEmulator.builder()).withBean(TelemetryListenerConfigurer.class, () -> configurer)
			.run((context) -> {
				emulator().awaitInitComplete(WAIT);
				assertThat(emulator().telemetry().subscriptions()).singleElement()
					.satisfies((subscription) -> assertThat(subscription.types()).containsExactly("platform",
							"function"));
				assertThat(context.getBean(TelemetrySubscriber.class).isPlatformAddedForBarrier()).isTrue();
				emulator().invoke(InvokeRequest.builder().log("from code").build()).awaitExtensionsDone(WAIT);
				assertThat(emulator().telemetry().flush(WAIT)).isTrue();
				await().atMost(WAIT).untilAsserted(() -> assertThat(messages).singleElement()
					.satisfies((message) -> assertThat(message).contains("from code")));
			});
	}

	@Test
	void typesPropertyShouldOverrideListenerTypes() {
		runner(LambdaEmulator.builder()).withBean(ReportListener.class)
			.withPropertyValues("lambda.extension.telemetry.types=platform,extension")
			.run((context) -> {
				emulator().awaitInitComplete(WAIT);
				assertThat(emulator().telemetry().subscriptions().get(0).types()).containsExactly("platform",
						"extension");
			});
	}

	@Test
	void refusedSchemaVersionShouldFallBackToAnOlderOne() {
		runner(LambdaEmulator.builder().refuseSchemaVersions("2025-01-29", "2022-12-13"))
			.withBean(ReportListener.class)
			.withPropertyValues("lambda.extension.telemetry.schema-version=2025-01-29")
			.run((context) -> {
				emulator().awaitInitComplete(WAIT);
				assertThat(emulator().telemetry().subscriptions()).singleElement()
					.satisfies((subscription) -> assertThat(subscription.schemaVersion()).isEqualTo("2022-07-01"));
			});
		this.logs.await(Level.WARNING, "Lambda refused telemetry schema version 2025-01-29; using 2022-07-01", WAIT);
		assertThat(this.logs.messages(Level.WARNING)).containsExactly(
				"Lambda refused telemetry schema version 2025-01-29; using 2022-07-01");
	}

	@Test
	void telemetryNotSupportedShouldCarryOnWithoutTelemetry() {
		runner(LambdaEmulator.builder().telemetrySupported(false)).withBean(ReportListener.class).run((context) -> {
			emulator().awaitInitComplete(WAIT);
			emulator().invoke().awaitExtensionsDone(WAIT);
			assertThat(context.getBean(ExtensionEventLoop.class).getState()).isEqualTo(ExtensionState.RUNNING);
			assertThat(context.getBean(TelemetryReceiver.class).isRunning()).isFalse();
		});
		this.logs.await(Level.WARNING,
				"The Lambda runtime API does not support the Telemetry API; continuing without telemetry", WAIT);
		assertThat(this.logs.messages(Level.WARNING)).containsExactly(
				"The Lambda runtime API does not support the Telemetry API; continuing without telemetry");
	}

	@Test
	void refusedSubscriptionShouldBeReportedThroughInitError() {
		ApplicationContextRunner runner = runner(LambdaEmulator.builder()).withBean(ReportListener.class);
		emulator().faults().failNext(LambdaEmulator.TELEMETRY_PATH, 403,
				"{\"errorType\":\"Telemetry.SubscriptionClosed\",\"errorMessage\":\"closed\"}", 1);
		runner.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(emulator().extensions().get(0).initErrorType()).isEqualTo("Telemetry.SubscriptionClosed");
		});
	}

	@Test
	void batchesShouldReachListenersFilteredByTypeInBatchAndSingleForm() {
		runner(LambdaEmulator.builder()).withBean(ReportListener.class)
			.withBean(FunctionLogListener.class)
			.withBean(EverythingListener.class)
			.run((context) -> {
				emulator().awaitInitComplete(WAIT);
				Invocation invocation = emulator()
					.invoke(InvokeRequest.builder().log("first line").log("second line").build());
				invocation.awaitExtensionsDone(WAIT);
				emulator().invoke().awaitExtensionsDone(WAIT);
				emulator().telemetry().flush(WAIT);
				ReportListener reports = context.getBean(ReportListener.class);
				assertThat(reports.received.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
				assertThat(reports.batches).allSatisfy((batch) -> assertThat(batch).isNotEmpty());
				assertThat(reports.batches.stream().flatMap(List::stream).map(PlatformReport::requestId))
					.contains(invocation.requestId());
				FunctionLogListener logs = context.getBean(FunctionLogListener.class);
				assertThat(logs.received.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
				assertThat(logs.logs).extracting(FunctionLog::message)
					.anySatisfy((message) -> assertThat(message).contains("first line"))
					.anySatisfy((message) -> assertThat(message).contains("second line"));
				EverythingListener everything = context.getBean(EverythingListener.class);
				await().atMost(WAIT)
					.untilAsserted(() -> assertThat(everything.events).extracting(TelemetryEvent::type)
						.contains("platform.initStart", "platform.start", "platform.runtimeDone", "function"));
				assertThat(everything.events).doesNotHaveDuplicates();
			});
	}

	@Test
	void unknownTypesShouldBeDeliveredAndMalformedBodiesRejectedWithoutStopping() {
		runner(LambdaEmulator.builder()).withBean(EverythingListener.class).run((context) -> {
			emulator().awaitInitComplete(WAIT);
			assertThat(emulator().telemetry().postToSubscriber("telemetry-test", "{\"not\":\"an array\"}")).isEqualTo(400);
			assertThat(emulator().telemetry().postToSubscriber("telemetry-test",
					"[{\"time\":\"2025-11-23T10:15:30.123Z\",\"type\":\"platform.fault\",\"record\":\"RequestId: 1\"},"
							+ "{\"time\":\"not a time\",\"type\":\"platform.start\",\"record\":{}}]"))
				.isEqualTo(200);
			EverythingListener everything = context.getBean(EverythingListener.class);
			assertThat(everything.unknown.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(everything.events).filteredOn(UnknownTelemetryEvent.class::isInstance)
				.singleElement()
				.satisfies((event) -> assertThat(event.record().asString()).isEqualTo("RequestId: 1"));
			emulator().invoke().awaitExtensionsDone(WAIT);
		});
		this.logs.await(Level.WARNING, "Refused a telemetry request whose body is not a JSON array (18 bytes)", WAIT);
		this.logs.await(Level.WARNING, "Skipped 1 malformed telemetry event(s) in a batch of 2", WAIT);
		assertThat(this.logs.messages(Level.WARNING)).containsExactlyInAnyOrder(
				"Refused a telemetry request whose body is not a JSON array (18 bytes)",
				"Skipped 1 malformed telemetry event(s) in a batch of 2");
	}

	@Test
	void additionalTypesShouldReachListenersThatDeclareThem() {
		runner(LambdaEmulator.builder()).withBean(FaultListener.class)
			.withPropertyValues("lambda.extension.telemetry.additional-types=platform.fault")
			.run((context) -> {
				emulator().awaitInitComplete(WAIT);
				assertThat(emulator().telemetry().subscriptions()).singleElement()
					.satisfies((subscription) -> assertThat(subscription.types()).containsExactly("platform"));
				assertThat(emulator().telemetry().postToSubscriber("telemetry-test",
						"[{\"time\":\"2025-11-23T10:15:30.123Z\",\"type\":\"platform.fault\",\"record\":\"x\"}]"))
					.isEqualTo(200);
				FaultListener listener = context.getBean(FaultListener.class);
				assertThat(listener.received.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
				assertThat(listener.events).singleElement()
					.satisfies((event) -> assertThat(event.type()).isEqualTo("platform.fault"));
			});
	}

	@Test
	void throwingListenerShouldLeaveOtherListenersWorking() {
		runner(LambdaEmulator.builder()).withBean(ThrowingListener.class)
			.withBean(FunctionLogListener.class)
			.run((context) -> {
				emulator().awaitInitComplete(WAIT);
				emulator().invoke(InvokeRequest.builder().log("still").log("delivered").build())
					.awaitExtensionsDone(WAIT);
				emulator().invoke().awaitExtensionsDone(WAIT);
				assertThat(context.getBean(FunctionLogListener.class).received.await(WAIT.toSeconds(),
						TimeUnit.SECONDS))
					.isTrue();
				assertThat(context.getBean(ThrowingListener.class).calls).isGreaterThan(0);
				assertThat(context.getBean(ExtensionEventLoop.class).getState()).isEqualTo(ExtensionState.RUNNING);
			});
		this.logs.await(Level.WARNING, "Telemetry listener 'dev.lambdaextension.telemetryListener#0' failed", WAIT);
		assertThat(this.logs.messages(Level.WARNING)).isNotEmpty()
			.containsOnly("Telemetry listener 'dev.lambdaextension.telemetryListener#0' failed on 1 event(s) of "
					+ "type(s) [function]: java.lang.IllegalStateException: listener failure");
	}

	@Test
	void runtimeDoneBarrierShouldHoldNextUntilDispatched() {
		runner(LambdaEmulator.builder()).withBean(BlockingRuntimeDoneListener.class)
			.withPropertyValues("lambda.extension.telemetry.barrier.timeout=60s")
			.run((context) -> {
				BlockingRuntimeDoneListener listener = context.getBean(BlockingRuntimeDoneListener.class);
				emulator().awaitInitComplete(WAIT);
				Invocation invocation = emulator()
					.invoke(InvokeRequest.builder().functionTimeout(Duration.ofSeconds(60)).build());
				assertThat(listener.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
				assertThat(invocation.isDone()).isFalse();
				listener.release.countDown();
				invocation.awaitExtensionsDone(WAIT);
			});
	}

	@Test
	void disabledBarrierShouldNotHoldNext() {
		runner(LambdaEmulator.builder()).withBean(BlockingRuntimeDoneListener.class)
			.withPropertyValues("lambda.extension.telemetry.barrier.enabled=false",
					"lambda.extension.telemetry.barrier.timeout=60s")
			.run((context) -> {
				BlockingRuntimeDoneListener listener = context.getBean(BlockingRuntimeDoneListener.class);
				emulator().awaitInitComplete(WAIT);
				InvokeRequest request = InvokeRequest.builder().functionTimeout(Duration.ofSeconds(60)).build();
				emulator().invoke(request).awaitExtensionsDone(WAIT);
				// The first runtimeDone may still be held by the freeze (next came before its batch was due); the
				// second INVOKE releases it at the latest. Once the listener blocks, the next invocation must not wait.
				emulator().invoke(request).awaitExtensionsDone(WAIT);
				assertThat(listener.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
				emulator().invoke(request).awaitExtensionsDone(WAIT);
				listener.release.countDown();
			});
	}

	@Test
	void backlogAcceptedBeforeShutdownShouldBeDeliveredBeforeExit() {
		runner(LambdaEmulator.builder()).withBean(SlowFunctionLogListener.class)
			.withPropertyValues("lambda.extension.telemetry.barrier.enabled=false")
			.run((context) -> {
				SlowFunctionLogListener listener = context.getBean(SlowFunctionLogListener.class);
				emulator().awaitInitComplete(WAIT);
				InvokeRequest.Builder request = InvokeRequest.builder();
				for (int i = 0; i < 3000; i++) {
					request.log("line " + i);
				}
				emulator().invoke(request.build()).awaitExtensionsDone(WAIT);
				assertThat(emulator().telemetry().flush(WAIT)).isTrue();
				// Lambda gives about 2 s; more here, so a loaded build machine tests the drain and not its own speed.
				emulator().shutdown("spindown", Duration.ofSeconds(5));
				assertThat(this.extension.exitStatus().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
				assertThat(listener.lines).hasSize(3000);
			});
		this.logs.await(Level.WARNING,
				"platform.report of 1 invocation(s) did not arrive before the telemetry went quiet", WAIT);
		assertThat(this.logs.messages(Level.WARNING)).containsExactly(
				"platform.report of 1 invocation(s) did not arrive before the telemetry went quiet");
	}

	static class ReportListener {

		final List<List<PlatformReport>> batches = new CopyOnWriteArrayList<>();

		final CountDownLatch received = new CountDownLatch(1);

		@TelemetryListener
		void onReports(List<PlatformReport> batch) {
			this.batches.add(batch);
			this.received.countDown();
		}

	}

	static class FunctionLogListener {

		final List<FunctionLog> logs = new CopyOnWriteArrayList<>();

		final CountDownLatch received = new CountDownLatch(2);

		@TelemetryListener(types = "function")
		void onLog(FunctionLog log) {
			this.logs.add(log);
			this.received.countDown();
		}

	}

	static class EverythingListener {

		final List<TelemetryEvent> events = new CopyOnWriteArrayList<>();

		final CountDownLatch unknown = new CountDownLatch(1);

		@TelemetryListener
		void onEvents(List<TelemetryEvent> batch) {
			this.events.addAll(batch);
			if (batch.stream().anyMatch(UnknownTelemetryEvent.class::isInstance)) {
				this.unknown.countDown();
			}
		}

	}

	static class FaultListener {

		final List<TelemetryEvent> events = new CopyOnWriteArrayList<>();

		final CountDownLatch received = new CountDownLatch(1);

		@TelemetryListener(types = "platform.fault")
		void onFault(TelemetryEvent event) {
			this.events.add(event);
			this.received.countDown();
		}

	}

	static class ThrowingListener {

		volatile int calls;

		@TelemetryListener(types = "function")
		void onLog(TelemetryEvent event) {
			this.calls++;
			throw new IllegalStateException("listener failure");
		}

	}

	static class BlockingRuntimeDoneListener {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@TelemetryListener
		void onRuntimeDone(PlatformRuntimeDone event) throws InterruptedException {
			this.entered.countDown();
			this.release.await(60, TimeUnit.SECONDS);
		}

	}

	static class SlowFunctionLogListener {

		final List<String> lines = new CopyOnWriteArrayList<>();

		final CountDownLatch release = new CountDownLatch(1);

		@TelemetryListener(types = "function")
		void onLogs(List<FunctionLog> batch) throws InterruptedException {
			this.release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
			batch.forEach((log) -> this.lines.add(log.message()));
		}

		@EventListener
		void onShutdown(ExtensionShutdownEvent event) {
			this.release.countDown();
		}

	}

}
