package dev.lambdaextension.autoconfigure;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.lambdaextension.lifecycle.ExtensionEventLoop;
import dev.lambdaextension.lifecycle.ExtensionExitHandler;
import dev.lambdaextension.lifecycle.ExtensionObserver;
import dev.lambdaextension.lifecycle.ExtensionShutdownCompletedEvent;
import dev.lambdaextension.lifecycle.ExtensionState;
import dev.lambdaextension.lifecycle.InternalExtensionShutdown;
import dev.lambdaextension.telemetry.PlatformStart;
import dev.lambdaextension.telemetry.TelemetryListener;
import dev.lambdaextension.test.emulator.EmulatedExtensionState;
import dev.lambdaextension.test.emulator.Invocation;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.logging.LogCapture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the internal mode of {@link LambdaExtensionAutoConfiguration}: the extension
 * inside the function's JVM registers for INVOKE only, polls on a daemon thread, never
 * ends the process and survives every failure.
 */
class InternalExtensionAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@AutoClose
	private final LambdaEmulator emulator = LambdaEmulator.builder().externalExtensionNames(Set.of()).build();

	@RegisterExtension
	final LogCapture logs = LogCapture.of("dev.lambdaextension");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LambdaExtensionAutoConfiguration.class,
				LambdaTelemetryAutoConfiguration.class))
		.withPropertyValues("lambda.extension.runtime-api=" + this.emulator.runtimeApi(),
				"spring.application.name=function-agent", "lambda.extension.retry.initial-delay=1ms");

	@Test
	void internalModeShouldRegisterForInvokeOnlyOnADaemonThreadWithoutExitHandler() {
		this.contextRunner.withPropertyValues("lambda.extension.mode=internal").run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(ExtensionExitHandler.class)
				.hasSingleBean(InternalExtensionShutdown.class);
			this.emulator.awaitInitComplete(WAIT);
			assertThat(this.emulator.extensions()).singleElement().satisfies((extension) -> {
				assertThat(extension.name()).isEqualTo("function-agent");
				assertThat(extension.events()).containsExactly("INVOKE");
				assertThat(extension.external()).isFalse();
			});
			assertThat(context.getBean(ExtensionEventLoop.class).getState()).isEqualTo(ExtensionState.RUNNING);
			assertThat(eventLoopThreads()).isNotEmpty().allMatch(Thread::isDaemon);
		});
	}

	@Test
	void handlerVariableShouldSelectInternalMode() {
		this.contextRunner.withSystemProperties("_HANDLER=com.example.Handler::handleRequest").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(ExtensionExitHandler.class);
			assertThat(this.emulator.awaitRegistered(1, WAIT)).singleElement()
				.satisfies((extension) -> assertThat(extension.events()).containsExactly("INVOKE"));
		});
	}

	@Test
	void explicitExternalModeShouldWinOverTheHandlerVariable() {
		// No external extension was launched, so the emulator, like Lambda, takes the name for an
		// internal one and refuses the SHUTDOWN an external extension asks for.
		this.contextRunner.withSystemProperties("_HANDLER=com.example.Handler::handleRequest")
			.withPropertyValues("lambda.extension.mode=external", "lambda.extension.shutdown.exit-process=false")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("SHUTDOWN: ShutdownEventNotSupportedForInternalExtension"));
	}

	@Test
	void refusedRegistrationShouldStopTheExtensionAndLeaveTheContextRunning() {
		this.emulator.faults().refuseRegistration("Extension.TooManyExtensions", "Extension limit (10) reached", 1);
		this.contextRunner.withPropertyValues("lambda.extension.mode=internal").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(ExtensionEventLoop.class).getState()).isEqualTo(ExtensionState.FAILED);
			assertThat(this.logs.messages(Level.ERROR)).containsExactly("Internal Lambda extension stopped, the function "
					+ "runs on without it: register failed with HTTP 403 Extension.TooManyExtensions: Extension limit (10) reached");
			assertThat(this.emulator.history().calls(LambdaEmulator.INIT_ERROR_PATH)).isEmpty();
		});
	}

	@Test
	void unreachableRuntimeApiShouldStopTheExtensionAndLeaveTheContextRunning() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		this.contextRunner
			.withPropertyValues("lambda.extension.mode=internal", "lambda.extension.runtime-api=127.0.0.1:" + closedPort)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ExtensionEventLoop.class).getState()).isEqualTo(ExtensionState.FAILED);
				assertThat(this.logs.messages(Level.ERROR)).singleElement()
					.asString()
					.startsWith("Internal Lambda extension stopped, the function runs on without it: register failed: "
							+ "Lambda runtime API at 127.0.0.1:" + closedPort + " is unreachable");
			});
	}

	@Test
	void refusedSubscriptionShouldKeepAnsweringEventsWithoutReportingAnError() {
		this.emulator.faults().failNext(LambdaEmulator.TELEMETRY_PATH, 403, 1);
		this.contextRunner.withPropertyValues("lambda.extension.mode=internal")
			.withBean(StartRecorder.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				this.emulator.awaitInitComplete(WAIT);
				this.emulator.invoke().awaitExtensionsDone(WAIT);
				assertThat(this.emulator.history().calls(LambdaEmulator.INIT_ERROR_PATH)).isEmpty();
				assertThat(this.emulator.history().calls(LambdaEmulator.EXIT_ERROR_PATH)).isEmpty();
				assertThat(this.logs.messages(Level.ERROR)).singleElement()
					.asString()
					.startsWith("Internal Lambda extension could not initialise; it only answers events: ")
					.endsWith("telemetry subscription failed with HTTP 403 Injected.Fault: Injected fault");
			});
	}

	@Test
	void failingNextShouldStopTheLoopWithoutExitErrorOrExit() {
		this.emulator.faults().failNext(LambdaEmulator.NEXT_PATH, 500, 3);
		CountDownLatch failed = new CountDownLatch(1);
		ExtensionObserver observer = new ExtensionObserver() {

			@Override
			public void failed(Throwable failure) {
				failed.countDown();
			}

		};
		this.contextRunner.withPropertyValues("lambda.extension.mode=internal")
			.withBean(ExtensionObserver.class, () -> observer)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(failed.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
				assertThat(context.getBean(ExtensionEventLoop.class).getState()).isEqualTo(ExtensionState.FAILED);
				assertThat(this.emulator.history().calls(LambdaEmulator.EXIT_ERROR_PATH)).isEmpty();
				assertThat(this.emulator.extension("function-agent").state())
					.isNotEqualTo(EmulatedExtensionState.EXIT_ERROR);
				assertThat(this.logs.messages(Level.WARNING)).containsExactly(
						"event/next failed (attempt 1 of 3), retrying in 1 ms: next failed with HTTP 500 "
								+ "InternalServerError: Injected fault",
						"event/next failed (attempt 2 of 3), retrying in 2 ms: next failed with HTTP 500 "
								+ "InternalServerError: Injected fault");
				// Observers hear of the failure before the loop logs it.
				this.logs.await(Level.ERROR, "Extension event loop failed: next failed with HTTP 500", WAIT);
			});
	}

	@Test
	void shutdownEventsShouldFailStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("lambda.extension.mode=internal", "lambda.extension.events=INVOKE,SHUTDOWN")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("lambda.extension.events must not contain SHUTDOWN for an internal extension"));
	}

	@Test
	void closingTheContextShouldDeliverHeldTelemetryAndCompleteTheShutdown() {
		StartRecorder recorder = new StartRecorder();
		this.contextRunner.withPropertyValues("lambda.extension.mode=internal")
			.withBean(StartRecorder.class, () -> recorder)
			.run((context) -> {
				this.emulator.awaitInitComplete(WAIT);
				Invocation invocation = this.emulator.invoke();
				invocation.awaitExtensionsDone(WAIT);
				this.emulator.await("platform.start", WAIT, () -> recorder.starts.contains(invocation.requestId()));
				assertThat(recorder.completed).isNull();
				// Lambda thaws the environment for the Shutdown phase, then sends the runtime SIGTERM (the context
				// closing here): the last invocation's report is delivered within the drain.
				this.emulator.shutdown("spindown");
			});
		assertThat(recorder.completed).isNotNull();
		assertThat(recorder.completed.lostEvents()).isZero();
		assertThat(recorder.completed.deadline()).isBefore(Instant.now().plusSeconds(1));
		assertThat(this.emulator.history().calls(LambdaEmulator.EXIT_ERROR_PATH)).isEmpty();
		assertThat(this.logs.messages(Level.WARNING)).isEmpty();
	}

	@Test
	void registrationAfterTheRuntimesFirstNextShouldStopTheExtensionAndLeaveTheContextRunning() {
		HttpClient.newHttpClient()
			.sendAsync(HttpRequest.newBuilder(URI.create("http://" + this.emulator.runtimeApi()
					+ "/2018-06-01/runtime/invocation/next")).build(), HttpResponse.BodyHandlers.ofString());
		this.emulator.runtime().awaitFirstNext(WAIT);
		this.contextRunner.withPropertyValues("lambda.extension.mode=internal").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(ExtensionEventLoop.class).getState()).isEqualTo(ExtensionState.FAILED);
			assertThat(this.emulator.history().calls(LambdaEmulator.REGISTER_PATH)).singleElement()
				.satisfies((call) -> assertThat(call.responseBody()).contains("Extension.RegistrationClosed"));
			assertThat(this.logs.messages(Level.ERROR)).containsExactly("Internal Lambda extension stopped, the function "
					+ "runs on without it: register failed with HTTP 403 Extension.RegistrationClosed: "
					+ "Extension registration closed already");
		});
	}

	@Test
	void closingTheContextShouldGiveUpDeliveringAtTheDrainTimeout() throws Exception {
		BlockingListener listener = new BlockingListener();
		AtomicReference<Instant> closing = new AtomicReference<>();
		this.contextRunner
			.withPropertyValues("lambda.extension.mode=internal", "lambda.extension.shutdown.internal-drain-timeout=200ms")
			.withBean(BlockingListener.class, () -> listener)
			.run((context) -> {
				this.emulator.awaitInitComplete(WAIT);
				this.emulator.invoke();
				assertThat(listener.started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
				this.emulator.shutdown("spindown");
				closing.set(Instant.now());
			});
		Duration closed = Duration.between(closing.get(), Instant.now());
		listener.release.countDown();
		assertThat(closed).isLessThan(Duration.ofSeconds(5));
		assertThat(listener.completed).isNotNull();
		assertThat(listener.completed.lostEvents()).isPositive();
		assertThat(this.logs.messages(Level.WARNING))
			.anyMatch((message) -> message.startsWith("Telemetry drain deadline passed"))
			.allMatch((message) -> message.startsWith("Telemetry drain deadline passed")
					|| message.startsWith("platform.report of 1 invocation(s) did not arrive"));
	}

	private static List<Thread> eventLoopThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && "lambda-ext-events".equals(thread.getName()))
			.toList();
	}

	static class BlockingListener {

		final CountDownLatch started = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		volatile ExtensionShutdownCompletedEvent completed;

		@TelemetryListener
		void onStart(PlatformStart start) throws InterruptedException {
			this.started.countDown();
			this.release.await();
		}

		@EventListener
		void onCompleted(ExtensionShutdownCompletedEvent event) {
			this.completed = event;
		}

	}

	static class StartRecorder {

		final List<String> starts = new CopyOnWriteArrayList<>();

		volatile ExtensionShutdownCompletedEvent completed;

		@TelemetryListener
		void onStart(PlatformStart start) {
			this.starts.add(start.requestId());
		}

		@EventListener
		void onCompleted(ExtensionShutdownCompletedEvent event) {
			this.completed = event;
		}

	}

}
