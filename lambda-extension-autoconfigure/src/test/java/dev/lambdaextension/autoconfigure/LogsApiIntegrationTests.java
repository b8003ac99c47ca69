package dev.lambdaextension.autoconfigure;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.lambdaextension.lifecycle.ExtensionExitHandler;
import dev.lambdaextension.lifecycle.ExtensionShutdownCompletedEvent;
import dev.lambdaextension.lifecycle.RuntimeDoneBarrier;
import dev.lambdaextension.telemetry.FunctionLog;
import dev.lambdaextension.telemetry.LogsApiTypes;
import dev.lambdaextension.telemetry.PlatformReport;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryListener;
import dev.lambdaextension.telemetry.receiver.TelemetryReceiver;
import dev.lambdaextension.test.emulator.Invocation;
import dev.lambdaextension.test.emulator.InvokeRequest;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.logging.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for telemetry listeners fed by the Logs API ({@code lambda.extension.logs.*})
 * against the local Lambda emulator.
 */
class LogsApiIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	final LogCapture logs = LogCapture.of("dev.lambdaextension");

	private final CompletableFuture<Integer> exitStatus = new CompletableFuture<>();

	private LambdaEmulator emulator;

	private ApplicationContextRunner runner;

	@BeforeEach
	void startEmulator() {
		this.emulator = LambdaEmulator.builder().build();
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LambdaExtensionAutoConfiguration.class,
					LambdaTelemetryAutoConfiguration.class))
			.withBean(ExtensionExitHandler.class, () -> this.exitStatus::complete)
			.withPropertyValues("lambda.extension.name=logs-test",
					"lambda.extension.runtime-api=" + this.emulator.runtimeApi());
	}

	@AfterEach
	void closeEmulator() {
		this.emulator.close();
	}

	@Test
	void listenersShouldReceiveLogLinesAndReportsAndLoseNothingAtShutdown() {
		this.runner.withBean(LogsRecorder.class)
			.withPropertyValues("lambda.extension.logs.enabled=true")
			.run((context) -> {
				LogsRecorder recorder = context.getBean(LogsRecorder.class);
				this.emulator.awaitInitComplete(WAIT);
				assertThat(this.emulator.history().calls(LambdaEmulator.TELEMETRY_PATH)).isEmpty();
				assertThat(this.emulator.telemetry().subscriptions()).singleElement().satisfies((subscription) -> {
					assertThat(subscription.logsApi()).isTrue();
					assertThat(subscription.schemaVersion()).isEqualTo("2021-03-18");
					assertThat(subscription.types()).containsExactly("platform", "function");
					assertThat(subscription.deliveryMethod()).isEqualTo("POST");
					assertThat(subscription.maxItems()).isEqualTo(10_000);
					assertThat(subscription.timeoutMs()).isEqualTo(25);
				});
				assertThat(context.getBean(RuntimeDoneBarrier.class).isActive()).isTrue();
				Invocation invocation = this.emulator.invoke(InvokeRequest.builder().log("one").log("two").build());
				invocation.awaitExtensionsDone(WAIT);
				assertThat(recorder.lines).hasSize(2);
				this.emulator.shutdown("spindown");
				assertThat(this.exitStatus.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
				assertThat(recorder.completed).isNotNull();
				assertThat(recorder.completed.lostEvents()).isZero();
				assertThat(recorder.reportsAtCompletion).containsExactly(invocation.requestId());
				assertThat(recorder.lines).satisfiesExactly((line) -> assertThat(line).endsWith("one"),
						(line) -> assertThat(line).endsWith("two"));
				assertThat(recorder.ends).containsExactly(invocation.requestId());
			});
	}

	@Test
	void putAndTheOriginalSchemaShouldBeSentAndRunWithoutTheBarrier() {
		this.runner.withBean(LogsRecorder.class)
			.withPropertyValues("lambda.extension.logs.enabled=true", "lambda.extension.logs.method=put",
					"lambda.extension.logs.schema-version=2020-08-15", "lambda.extension.logs.types=platform,function",
					"lambda.extension.logs.buffering.max-items=2000", "lambda.extension.logs.buffering.max-bytes=512KB")
			.run((context) -> {
				LogsRecorder recorder = context.getBean(LogsRecorder.class);
				this.emulator.awaitInitComplete(WAIT);
				assertThat(this.emulator.telemetry().subscriptions()).singleElement().satisfies((subscription) -> {
					assertThat(subscription.schemaVersion()).isEqualTo("2020-08-15");
					assertThat(subscription.deliveryMethod()).isEqualTo("PUT");
					assertThat(subscription.maxItems()).isEqualTo(2000);
					assertThat(subscription.maxBytes()).isEqualTo(524_288);
					assertThat(subscription.timeoutMs()).isEqualTo(1000);
				});
				assertThat(context.getBean(RuntimeDoneBarrier.class).isActive()).isFalse();
				assertThat(context.getBean(TelemetryReceiver.class).getMaxBodyBytes())
					.as("twice the Logs API max-bytes plus the envelope allowance")
					.isEqualTo(2 * 524_288 + 64 * 1024);
				Invocation invocation = this.emulator.invoke(InvokeRequest.builder().log("one").build());
				invocation.awaitExtensionsDone(WAIT);
				this.emulator.shutdown("spindown");
				assertThat(this.exitStatus.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
				assertThat(recorder.reportsAtCompletion).containsExactly(invocation.requestId());
				assertThat(recorder.lines).singleElement().asString().endsWith("one");
			});
	}

	@Test
	void badInputDeliveredByPutShouldBeRefusedWithoutStopping() {
		this.runner.withBean(LogsRecorder.class)
			.withPropertyValues("lambda.extension.logs.enabled=true", "lambda.extension.logs.method=put")
			.run((context) -> {
				LogsRecorder recorder = context.getBean(LogsRecorder.class);
				this.emulator.awaitInitComplete(WAIT);
				assertThat(this.emulator.telemetry().postToSubscriber("logs-test", "{\"not\":\"an array\"}"))
					.isEqualTo(400);
				assertThat(this.emulator.telemetry().postToSubscriber("logs-test",
						"[{\"time\":\"2025-11-23T10:15:30.123Z\",\"type\":\"platform.fault\","
								+ "\"record\":\"RequestId: 1 Process exited before completing request\"}]"))
					.isEqualTo(200);
				this.emulator.await("platform.fault delivered", WAIT, () -> !recorder.faults.isEmpty());
				assertThat(recorder.faults).containsExactly("RequestId: 1 Process exited before completing request");
				assertThat(context.getBean(TelemetryReceiver.class).getStats().malformedBodies()).isOne();
				this.logs.await(Level.WARNING, "Refused a telemetry request whose body is not a JSON array (18 bytes)", WAIT);
				this.emulator.invoke(InvokeRequest.builder().log("still here").build()).awaitExtensionsDone(WAIT);
				assertThat(recorder.lines).singleElement().asString().endsWith("still here");
			});
	}

	@Test
	void tcpProtocolShouldSubscribeWithThePort() {
		this.runner.withBean(LogsRecorder.class)
			.withPropertyValues("lambda.extension.logs.enabled=true", "lambda.extension.telemetry.protocol=tcp")
			.run((context) -> {
				LogsRecorder recorder = context.getBean(LogsRecorder.class);
				this.emulator.awaitInitComplete(WAIT);
				assertThat(this.emulator.telemetry().subscriptions()).singleElement().satisfies((subscription) -> {
					assertThat(subscription.logsApi()).isTrue();
					assertThat(subscription.destinationUri())
						.isEqualTo(String.valueOf(context.getBean(TelemetryReceiver.class).getPort()));
				});
				Invocation invocation = this.emulator.invoke(InvokeRequest.builder().log("over tcp").build());
				invocation.awaitExtensionsDone(WAIT);
				assertThat(recorder.lines).singleElement().asString().endsWith("over tcp");
				this.emulator.shutdown("spindown");
				assertThat(this.exitStatus.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
				assertThat(recorder.reportsAtCompletion).containsExactly(invocation.requestId());
			});
	}

	@Test
	void serverErrorOnSubscribeShouldBeRetriedAsForTheTelemetryApi() {
		this.emulator.faults().failNext(LambdaEmulator.LOGS_PATH, 500, 2);
		this.runner.withBean(LogsRecorder.class)
			.withPropertyValues("lambda.extension.logs.enabled=true")
			.run((context) -> {
				this.emulator.awaitInitComplete(WAIT);
				assertThat(this.emulator.history().calls(LambdaEmulator.LOGS_PATH))
					.extracting((call) -> call.status())
					.containsExactly(500, 500, 200);
				assertThat(this.emulator.telemetry().subscriptions()).hasSize(1);
				assertThat(this.logs.messages(Level.WARNING)).containsExactly(
						"Logs API subscription failed (attempt 1 of 3), retrying: logs subscription failed with HTTP 500 "
								+ "InternalServerError: Injected fault",
						"Logs API subscription failed (attempt 2 of 3), retrying: logs subscription failed with HTTP 500 "
								+ "InternalServerError: Injected fault");
			});
	}

	@Test
	void missingLogsApiShouldRunWithoutTelemetry() {
		try (LambdaEmulator unsupported = LambdaEmulator.builder().telemetrySupported(false).build()) {
			this.runner.withBean(LogsRecorder.class)
				.withPropertyValues("lambda.extension.logs.enabled=true",
						"lambda.extension.runtime-api=" + unsupported.runtimeApi())
				.run((context) -> {
					assertThat(context).hasNotFailed();
					unsupported.awaitInitComplete(WAIT);
					assertThat(unsupported.history().calls(LambdaEmulator.LOGS_PATH)).extracting((call) -> call.status())
						.containsExactly(202);
					assertThat(context.getBean(TelemetryReceiver.class).isRunning()).isFalse();
					assertThat(this.logs.messages(Level.WARNING)).containsExactly(
							"The Lambda runtime API does not support the Logs API; continuing without telemetry");
					unsupported.invoke().awaitExtensionsDone(WAIT);
				});
		}
	}

	@Test
	void telemetryDisabledShouldStillFeedListenersThroughTheLogsApi() {
		this.runner.withBean(LogsRecorder.class)
			.withPropertyValues("lambda.extension.logs.enabled=true", "lambda.extension.telemetry.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				this.emulator.awaitInitComplete(WAIT);
				assertThat(this.emulator.telemetry().subscriptions()).singleElement()
					.satisfies((subscription) -> assertThat(subscription.logsApi()).isTrue());
			});
	}

	@Test
	void logsApiWithTelemetryApiSettingsShouldBeRefused() {
		this.runner.withBean(LogsRecorder.class)
			.withPropertyValues("lambda.extension.logs.enabled=true", "lambda.extension.telemetry.enabled=true",
					"lambda.extension.telemetry.buffering.max-items=2000")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(LogsApiConfigurationException.class)
					.hasMessage("lambda.extension.logs.enabled=true subscribes the telemetry listeners through the "
							+ "Logs API, and Lambda refuses an extension that subscribes to both the Logs API and "
							+ "the Telemetry API, but lambda.extension.telemetry.enabled=true, "
							+ "lambda.extension.telemetry.buffering.* configure a Telemetry API subscription");
				FailureAnalysis analysis = new LogsApiFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getAction()).startsWith("Use one API: remove lambda.extension.telemetry.enabled=true, "
						+ "lambda.extension.telemetry.buffering.*");
				assertThat(this.emulator.history().calls(LambdaEmulator.LOGS_PATH)).isEmpty();
			});
	}

	@Test
	void logsApiWithTelemetryTypesShouldBeRefused() {
		this.runner.withBean(LogsRecorder.class)
			.withPropertyValues("lambda.extension.logs.enabled=true", "lambda.extension.telemetry.types=function",
					"lambda.extension.telemetry.schema-version=2022-12-13")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("but lambda.extension.telemetry.types, lambda.extension.telemetry.schema-version "
						+ "configure a Telemetry API subscription"));
	}

	@Test
	void logsApiOnLambdaManagedInstancesShouldBeRefused() {
		this.runner.withBean(LogsRecorder.class)
			.withPropertyValues("lambda.extension.logs.enabled=true", "lambda.extension.managed-instances=true")
			.run((context) -> {
				assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(LogsApiConfigurationException.class)
					.hasMessage("lambda.extension.logs.enabled=true, but Lambda Managed Instances "
							+ "(AWS_LAMBDA_INITIALIZATION_TYPE=lambda-managed-instances) have no Logs API");
				assertThat(new LogsApiFailureAnalyzer().analyze(context.getStartupFailure()).getAction())
					.startsWith("Remove lambda.extension.logs.enabled");
			});
	}

	@Test
	void bufferingOutsideTheDocumentedRangeShouldFailNamingTheProperty() {
		this.runner.withPropertyValues("lambda.extension.logs.enabled=true", "lambda.extension.logs.buffering.timeout=10ms")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessage("'timeout' must be between 25ms and 30000ms");
				BindException bind = cause(context.getStartupFailure(), BindException.class);
				assertThat(bind.getProperty()).isNotNull();
				assertThat(bind.getProperty().getName()).hasToString("lambda.extension.logs.buffering.timeout");
			});
	}

	private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
		}
		throw new AssertionError("No " + type.getSimpleName() + " in the causes of " + failure);
	}

	static class LogsRecorder {

		final List<String> lines = new CopyOnWriteArrayList<>();

		final List<String> reports = new CopyOnWriteArrayList<>();

		final List<String> ends = new CopyOnWriteArrayList<>();

		final List<String> faults = new CopyOnWriteArrayList<>();

		volatile ExtensionShutdownCompletedEvent completed;

		volatile List<String> reportsAtCompletion;

		@TelemetryListener
		void onLines(List<FunctionLog> logs) {
			logs.forEach((log) -> this.lines.add(log.message().strip()));
		}

		@TelemetryListener
		void onReport(PlatformReport report) {
			this.reports.add(report.requestId());
		}

		@TelemetryListener(types = LogsApiTypes.PLATFORM_END)
		void onEnd(TelemetryEvent end) {
			this.ends.add(end.record().get("requestId").asString());
		}

		@TelemetryListener(types = LogsApiTypes.PLATFORM_FAULT)
		void onFault(TelemetryEvent fault) {
			this.faults.add(fault.record().asString());
		}

		@EventListener
		void onShutdownCompleted(ExtensionShutdownCompletedEvent event) {
			this.reportsAtCompletion = List.copyOf(this.reports);
			this.completed = event;
		}

	}

}
