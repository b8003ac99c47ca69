package dev.lambdaextension.autoconfigure;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.lambdaextension.actuate.endpoint.LambdaExtensionEndpoint;
import dev.lambdaextension.client.ExtensionsApiException;
import dev.lambdaextension.health.LambdaExtensionHealthIndicator;
import dev.lambdaextension.lifecycle.ExtensionEventHistory.EntryType;
import dev.lambdaextension.lifecycle.ExtensionExitHandler;
import dev.lambdaextension.lifecycle.ExtensionState;
import dev.lambdaextension.telemetry.FunctionLog;
import dev.lambdaextension.telemetry.TelemetryListener;
import dev.lambdaextension.test.emulator.InvocationStatus;
import dev.lambdaextension.test.emulator.InvokeRequest;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.logging.LogCapture;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.MeterNotFoundException;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of the health indicator, the endpoint and the meters against the
 * local Lambda emulator.
 */
class LambdaExtensionObservabilityIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	final LogCapture logs = LogCapture.of("dev.lambdaextension");

	private LambdaEmulator emulator;

	private final CompletableFuture<Integer> exitStatus = new CompletableFuture<>();

	@AfterEach
	void closeEmulator() {
		if (this.emulator != null) {
			this.emulator.close();
		}
	}

	private ApplicationContextRunner runner() {
		this.emulator = LambdaEmulator.builder().functionName("orders").functionVersion("7").build();
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LambdaExtensionAutoConfiguration.class,
					LambdaTelemetryAutoConfiguration.class, LambdaExtensionHealthContributorAutoConfiguration.class,
					LambdaExtensionEndpointAutoConfiguration.class, LambdaExtensionMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withBean(ExtensionExitHandler.class, () -> this.exitStatus::complete)
			.withPropertyValues("lambda.extension.name=observability-test",
					"lambda.extension.runtime-api=" + this.emulator.runtimeApi(),
					"lambda.extension.telemetry.buffering.timeout=25ms", "lambda.extension.retry.max-attempts=1",
					"lambda.extension.metrics.function.enabled=true",
					"management.endpoints.web.exposure.include=lambdaextension");
	}

	@Test
	void telemetryShouldDriveMetersHealthAndEndpoint() {
		runner().withBean(FailingLogListener.class).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			LambdaExtensionHealthIndicator health = context.getBean(LambdaExtensionHealthIndicator.class);
			this.emulator.awaitInitComplete(WAIT);
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
			this.emulator.invoke(InvokeRequest.builder().duration(Duration.ofMillis(40)).log("hello").build())
				.awaitExtensionsDone(WAIT);
			this.emulator.invoke(InvokeRequest.builder().status(InvocationStatus.ERROR).errorType("Function.Unhandled")
				.build()).awaitExtensionsDone(WAIT);
			this.emulator.invoke(InvokeRequest.builder().status(InvocationStatus.TIMEOUT).build())
				.awaitExtensionsDone(WAIT);
			this.emulator.telemetry().emit("{\"time\":\"2025-11-23T10:15:30.000Z\",\"type\":\"platform.logsDropped\","
					+ "\"record\":{\"droppedBytes\":4096,\"droppedRecords\":3,\"reason\":\"behind\"}}");
			this.emulator.invoke().awaitExtensionsDone(WAIT);
			// the fourth report arrives, as on Lambda, only with the next thaw
			this.emulator.invoke().awaitExtensionsDone(WAIT);
			assertThat(this.emulator.telemetry().postToSubscriber("observability-test", "{\"not\":\"an array\"}")).isEqualTo(400);
			assertThat(this.emulator.telemetry().postToSubscriber("observability-test",
					"[{\"time\":\"bad\",\"type\":\"platform.start\",\"record\":{}}]"))
				.isEqualTo(200);
			assertThat(this.emulator.telemetry().flush(WAIT)).isTrue();
			// function meters and listener counts are recorded on the dispatch thread, meters when first used
			await().atMost(WAIT).ignoreExceptionsInstanceOf(MeterNotFoundException.class).untilAsserted(() -> {
				assertThat(counter(registry.find("lambda.function.invocations").tag("status", "success"))).isEqualTo(2);
				assertThat(counter(registry.find("lambda.function.invocations").tag("status", "error"))).isEqualTo(1);
				assertThat(counter(registry.find("lambda.function.invocations").tag("status", "timeout"))).isEqualTo(1);
				assertThat(counter(registry.find("lambda.function.logs.dropped"))).isEqualTo(3);
				assertThat(counter(registry.find("lambda.function.cold.starts").tag("function", "orders").tag("version", "7")))
					.isEqualTo(1);
				assertThat(registry.get("lambda.function.duration").tag("status", "success").timer().count()).isEqualTo(2);
				assertThat(registry.get("lambda.function.billed.duration").tag("status", "timeout").timer().count())
					.isEqualTo(1);
				assertThat(registry.get("lambda.function.init.duration").timer().count()).isEqualTo(1);
				assertThat(registry.get("lambda.function.memory.max.used").summary().count()).isEqualTo(4);
				assertThat(counter(registry.find("lambda.extension.telemetry.events").tag("type", "platform.report")))
					.isEqualTo(4);
				assertThat(counter(registry.find("lambda.extension.telemetry.events").tag("type", "function"))).isEqualTo(1);
				assertThat(counter(registry.find("lambda.extension.telemetry.batches"))).isPositive();
				assertThat(counter(registry.find("lambda.extension.telemetry.parse.failures").tag("scope", "batch")))
					.isEqualTo(1);
				assertThat(counter(registry.find("lambda.extension.telemetry.parse.failures").tag("scope", "event")))
					.isEqualTo(1);
				assertThat(counter(registry.find("lambda.extension.telemetry.listener.failures")
					.tag("listener", "failingLogs"))).isEqualTo(1);
				assertThat(registry.get("lambda.extension.telemetry.dispatch.latency").timer().count()).isPositive();
			});
			assertThat(registry.get("lambda.extension.next.wait").tag("event", "invoke").timer().count()).isEqualTo(5);
			assertThat(registry.get("lambda.extension.invoke.overhead").timer().count()).isEqualTo(5);
			double registered = startup(registry, "registered");
			double subscribed = startup(registry, "subscribed");
			double firstNext = startup(registry, "first-next");
			assertThat(registered).isPositive().isLessThanOrEqualTo(subscribed);
			assertThat(subscribed).isLessThanOrEqualTo(firstNext);
			assertThat(registry.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTagsAsIterable())
				.noneSatisfy((tag) -> assertThat(tag.getKey()).containsIgnoringCase("request")));
			Health details = health.health();
			assertThat(details.getDetails()).containsEntry("state", ExtensionState.RUNNING)
				.containsEntry("functionName", "orders")
				.containsEntry("functionVersion", "7")
				.containsEntry("telemetrySubscribed", true)
				.containsEntry("telemetryApi", "Telemetry API")
				.containsEntry("listenerFailures", 1L)
				.containsEntry("droppedEvents", 0L)
				.containsEntry("malformedEvents", 1L);
			LambdaExtensionEndpoint.LambdaExtensionDescriptor descriptor = context
				.getBean(LambdaExtensionEndpoint.class)
				.extension();
			assertThat(descriptor.subscription().types()).containsExactly("platform", "function");
			assertThat(descriptor.listeners()).extracting((listener) -> listener.id())
				.containsExactlyInAnyOrder("lambdaFunctionMetrics", "failingLogs");
			assertThat(descriptor.recentEvents()).filteredOn((event) -> event.type() == EntryType.INVOKE).hasSize(5);
			this.emulator.shutdown("spindown", Duration.ofSeconds(2));
			assertThat(this.exitStatus.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
			assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
			assertThat(registry.get("lambda.extension.next.wait").tag("event", "shutdown").timer().count()).isOne();
			// the last report came after SHUTDOWN and still reached the meters before the exit
			assertThat(counter(registry.find("lambda.function.invocations").tag("status", "success"))).isEqualTo(3);
		});
		this.logs.await(Level.WARNING,
				"Telemetry listener 'failingLogs' failed on 1 event(s) of type(s) [function]: "
						+ "java.lang.IllegalStateException: listener failure", WAIT);
		this.logs.await(Level.WARNING, "Refused a telemetry request whose body is not a JSON array (18 bytes)", WAIT);
		this.logs.await(Level.WARNING, "Skipped 1 malformed telemetry event(s) in a batch of 1", WAIT);
		assertThat(this.logs.messages(Level.WARNING)).containsExactlyInAnyOrder(
				"Telemetry listener 'failingLogs' failed on 1 event(s) of type(s) [function]: "
						+ "java.lang.IllegalStateException: listener failure",
				"Refused a telemetry request whose body is not a JSON array (18 bytes)",
				"Skipped 1 malformed telemetry event(s) in a batch of 1");
	}

	@Test
	void failedLoopShouldTurnHealthDown() {
		runner().run((context) -> {
			LambdaExtensionHealthIndicator health = context.getBean(LambdaExtensionHealthIndicator.class);
			LambdaExtensionEndpoint endpoint = context.getBean(LambdaExtensionEndpoint.class);
			this.emulator.awaitInitComplete(WAIT);
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
			this.emulator.faults().failNext(LambdaEmulator.NEXT_PATH, 500, 1);
			this.emulator.invoke();
			assertThat(this.exitStatus.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
			Health down = health.health();
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat(down.getDetails()).containsEntry("state", ExtensionState.FAILED);
			assertThat(endpoint.extension().recentEvents())
				.extracting((event) -> event.type())
				.endsWith(EntryType.INVOKE, EntryType.FAILED);
		});
		assertThat(this.logs
			.await(Level.ERROR,
					"Extension event loop failed: next failed with HTTP 500 InternalServerError: Injected fault", WAIT)
			.thrown())
			.isInstanceOf(ExtensionsApiException.class);
		assertThat(this.logs.records(Level.ERROR)).hasSize(1);
	}

	private static double counter(Search search) {
		FunctionCounter functionCounter = search.functionCounter();
		if (functionCounter != null) {
			return functionCounter.count();
		}
		return (search.counter() != null) ? search.counter().count() : 0;
	}

	private static double startup(MeterRegistry registry, String phase) {
		return registry.get("lambda.extension.startup").tag("phase", phase).timeGauge().value(TimeUnit.MILLISECONDS);
	}

	static class FailingLogListener {

		@TelemetryListener(id = "failingLogs", types = "function")
		void onLog(FunctionLog log) {
			throw new IllegalStateException("listener failure");
		}

	}

}
