package dev.lambdaextension.autoconfigure;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.lambdaextension.lifecycle.ExtensionEventLoop;
import dev.lambdaextension.lifecycle.ExtensionExitHandler;
import dev.lambdaextension.lifecycle.ExtensionRestoredEvent;
import dev.lambdaextension.lifecycle.ExtensionState;
import dev.lambdaextension.lifecycle.RestoreTelemetryPublisher;
import dev.lambdaextension.lifecycle.TelemetrySubscriber;
import dev.lambdaextension.telemetry.FunctionLog;
import dev.lambdaextension.telemetry.TelemetryListener;
import dev.lambdaextension.test.emulator.InvokeRequest;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.emulator.RecordedCall;
import dev.lambdaextension.test.logging.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SnapStartAutoConfiguration} against the local Lambda emulator in
 * SnapStart mode: the restored event, and the loop and telemetry after a restore.
 */
class SnapStartIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	final LogCapture logs = LogCapture.of("dev.lambdaextension");

	private final CompletableFuture<Integer> exitStatus = new CompletableFuture<>();

	private final LambdaEmulator emulator = LambdaEmulator.builder().snapStart(true).build();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LambdaExtensionAutoConfiguration.class,
				LambdaTelemetryAutoConfiguration.class, SnapStartAutoConfiguration.class))
		.withBean(ExtensionExitHandler.class, () -> this.exitStatus::complete)
		.withPropertyValues("lambda.extension.name=snap-start-test",
				"lambda.extension.runtime-api=" + this.emulator.runtimeApi());

	@AfterEach
	void closeEmulator() {
		this.emulator.close();
	}

	@Test
	void restoreShouldPublishTheRestoredEventOnceAndTheLoopAndTelemetryShouldCarryOn() {
		this.runner.withPropertyValues("AWS_LAMBDA_INITIALIZATION_TYPE=snap-start")
			.withBean(RestoredRecorder.class)
			.withBean(LogRecorder.class)
			.run((context) -> {
				RestoredRecorder restored = context.getBean(RestoredRecorder.class);
				LogRecorder logs = context.getBean(LogRecorder.class);
				this.emulator.awaitInitComplete(WAIT);
				this.emulator.restore();
				this.emulator.invoke(InvokeRequest.builder().log("first").build()).awaitExtensionsDone(WAIT);
				this.emulator.invoke(InvokeRequest.builder().log("second").build()).awaitExtensionsDone(WAIT);
				this.emulator.await("both logs", WAIT, () -> logs.messages.size() == 2);
				this.emulator.shutdown("spindown");
				assertThat(this.exitStatus.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
				assertThat(this.emulator.history().calls(LambdaEmulator.NEXT_PATH)).extracting(RecordedCall::status)
					.as("the next cut by the restore, then one per event")
					.containsExactly(0, 200, 200, 200);
				assertThat(logs.messages).satisfiesExactly((first) -> assertThat(first).endsWith("\tfirst"),
						(second) -> assertThat(second).endsWith("\tsecond"));
				assertThat(restored.events).singleElement().satisfies((event) -> {
					assertThat(event.isSuccess()).isTrue();
					assertThat(event.status()).isEqualTo("success");
					assertThat(event.runtimeVersion()).isEqualTo("emulated:1");
					assertThat(event.restoreStartTime()).isNotNull();
					assertThat(event.duration()).isEqualTo(Duration.ofMillis(120));
					assertThat(event.restoreStart().functionName()).isEqualTo(this.emulator.function().name());
				});
			});
	}

	@Test
	void nextFailingAgainAfterTheRestoreShouldBeRetriedByTheLoop() {
		this.runner.withPropertyValues("AWS_LAMBDA_INITIALIZATION_TYPE=snap-start",
				"lambda.extension.retry.initial-delay=10ms")
			.run((context) -> {
				this.emulator.awaitInitComplete(WAIT);
				this.emulator.faults().dropConnections(LambdaEmulator.NEXT_PATH, 2);
				this.emulator.restore();
				this.emulator.invoke().awaitExtensionsDone(WAIT);
				assertThat(context.getBean(ExtensionEventLoop.class).getState()).isEqualTo(ExtensionState.RUNNING);
				assertThat(this.emulator.history().calls(LambdaEmulator.NEXT_PATH)).extracting(RecordedCall::status)
					.as("cut by the restore, dropped twice more, then answered")
					.startsWith(0, 0, 0)
					.endsWith(200);
				assertThat(this.logs.messages(Level.WARNING)).isNotEmpty()
					.allMatch((message) -> message.startsWith("event/next failed (attempt "));
			});
	}

	@Test
	void restoredEventShouldSubscribeToPlatformWithoutAnyOtherListener() {
		this.runner.withPropertyValues("AWS_LAMBDA_INITIALIZATION_TYPE=snap-start")
			.withBean(RestoredRecorder.class)
			.run((context) -> {
				this.emulator.awaitInitComplete(WAIT);
				assertThat(context.getBean(TelemetrySubscriber.class).getSubscription().types())
					.containsExactly("platform");
				this.emulator.restore();
				this.emulator.invoke().awaitExtensionsDone(WAIT);
				RestoredRecorder restored = context.getBean(RestoredRecorder.class);
				this.emulator.await("the restored event", WAIT, () -> !restored.events.isEmpty());
				assertThat(context.getBean(RestoreTelemetryPublisher.class).isPublished()).isTrue();
			});
	}

	@Test
	void onDemandEnvironmentShouldNotConfigureTheRestoredEvent() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(RestoreTelemetryPublisher.class)
			.getBean(TelemetrySubscriber.class)
			.satisfies((subscriber) -> assertThat(subscriber.getSubscription()).isNull()));
	}

	@Test
	void propertyShouldTurnTheRestoredEventOff() {
		this.runner
			.withPropertyValues("AWS_LAMBDA_INITIALIZATION_TYPE=snap-start", "lambda.extension.snap-start.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RestoreTelemetryPublisher.class));
	}

	@Test
	void explicitTypesWithoutPlatformShouldBeWarnedAbout() {
		this.runner.withPropertyValues("AWS_LAMBDA_INITIALIZATION_TYPE=snap-start",
				"lambda.extension.telemetry.types=function")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(RestoreTelemetryPublisher.class);
				assertThat(this.logs.messages(Level.WARNING)).singleElement()
					.asString()
					.startsWith("lambda.extension.telemetry.types [function] leaves out platform");
			});
	}

	static class RestoredRecorder implements ApplicationListener<ExtensionRestoredEvent> {

		final List<ExtensionRestoredEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(ExtensionRestoredEvent event) {
			this.events.add(event);
		}

	}

	static class LogRecorder {

		final List<String> messages = new CopyOnWriteArrayList<>();

		@TelemetryListener
		void log(FunctionLog log) {
			this.messages.add(log.message());
		}

	}

}
