package dev.lambdaextension.test.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetrySenderTests {

	private static final long MS = 1_000_000;

	private final List<EmulatedTelemetryEvent> sent = new ArrayList<>();

	private final TelemetrySender sender = new TelemetrySender(settings(false), this.sent::add);

	@Test
	void invocationRanShouldSendLogsThenRuntimeDone() {
		Invocation invocation = invocation(1, InvokeRequest.builder().log("hello").build(), 0);
		this.sender.invocationRan(invocation);
		assertThat(this.sent).extracting(EmulatedTelemetryEvent::type).containsExactly("function", "platform.runtimeDone");
	}

	@Test
	void invocationRanShouldLeaveRuntimeDoneToTheReportWhenTheInvocationEndsInAReset() {
		InvokeRequest timeout = InvokeRequest.builder().status(InvocationStatus.TIMEOUT).log("Task timed out").build();
		this.sender.invocationRan(invocation(1, timeout, 0));
		this.sender.invocationReported(invocation(1, timeout, 0), 120.0);
		assertThat(this.sent).extracting(EmulatedTelemetryEvent::type)
			.containsExactly("function", "platform.runtimeDone", "platform.report");
	}

	@Test
	void invocationReportedShouldBillTheExtensionsTimeAfterTheRuntime() {
		InvokeRequest request = InvokeRequest.builder().duration(Duration.ofMillis(10)).build();
		this.sender.invocationReported(invocation(1, request, 25 * MS), 120.0);
		Map<String, Object> metrics = metrics(this.sent.get(0));
		assertThat(metrics).containsEntry("durationMs", 25.0)
			.containsEntry("billedDurationMs", 25L)
			.containsEntry("memorySizeMB", 512)
			.containsEntry("maxMemoryUsedMB", 65)
			.containsEntry("initDurationMs", 120.0);
	}

	@Test
	void invocationReportedShouldReportTheInitDurationWithTheFirstInvocationOnly() {
		this.sender.invocationReported(invocation(2, InvokeRequest.success(), 0), 120.0);
		assertThat(metrics(this.sent.get(0))).doesNotContainKey("initDurationMs");
	}

	@Test
	void managedInstancesInvocationCompletedShouldSendLogsThenAReportWithOnlyTheDuration() {
		TelemetrySender managed = new TelemetrySender(settings(true), this.sent::add);
		managed.managedInstancesInvocationCompleted(invocation(1, InvokeRequest.builder().log("hi").build(), 0));
		assertThat(this.sent).extracting(EmulatedTelemetryEvent::type).containsExactly("function", "platform.report");
		assertThat(metrics(this.sent.get(1))).containsOnlyKeys("durationMs");
	}

	@Test
	void initStartShouldNameTheInitializationType() {
		new TelemetrySender(settings(true), this.sent::add).initStart();
		assertThat(record(this.sent.get(0))).containsEntry("initializationType", LambdaEmulator.MANAGED_INSTANCES)
			.containsEntry("functionName", "test-function");
	}

	private static Invocation invocation(int sequence, InvokeRequest request, long extensionNanos) {
		EmulatorState state = new EmulatorState();
		Invocation invocation = new Invocation(state, null, sequence, "request-" + sequence, Instant.now(),
				"arn", request, 0, Map.of("id", "ext"), Instant.now(), null, false);
		invocation.extensionDone("id", extensionNanos);
		return invocation;
	}

	private static EmulatorSettings settings(boolean managedInstances) {
		return new EmulatorSettings(0, "test-function", "$LATEST", "handler", "123456789012", "us-east-1", 512,
				Duration.ofSeconds(10), Duration.ofSeconds(3), null, true, Set.of("2025-01-29"), LogFormat.TEXT,
				managedInstances, false);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> record(EmulatedTelemetryEvent event) {
		return (Map<String, Object>) event.record();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> metrics(EmulatedTelemetryEvent event) {
		return (Map<String, Object>) record(event).get("metrics");
	}

}
