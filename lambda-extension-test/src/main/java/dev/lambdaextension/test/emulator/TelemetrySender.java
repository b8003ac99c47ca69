package dev.lambdaextension.test.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Produces the telemetry of each phase of the emulated function (Init, an invocation and its report, extension
 * output) and sends it to the Telemetry API side of the emulator, which batches it per subscriber.
 */
final class TelemetrySender {

	private final EmulatorSettings settings;

	private final Consumer<EmulatedTelemetryEvent> sink;

	TelemetrySender(EmulatorSettings settings, Consumer<EmulatedTelemetryEvent> sink) {
		this.settings = settings;
		this.sink = sink;
	}

	static @Nullable Map<String, Object> tracing(InvokeRequest request) {
		return (request.traceHeader() != null) ? Json.object("type", "X-Amzn-Trace-Id", "value", request.traceHeader())
				: null;
	}

	void initStart() {
		this.sink.accept(EmulatedTelemetryEvent.platform("platform.initStart",
				Json.object("initializationType", this.settings.initializationType(), "phase", "init",
						"runtimeVersion", "emulated:1", "runtimeVersionArn",
						"arn:aws:lambda:" + this.settings.region() + "::runtime:emulated", "functionName",
						this.settings.functionName(), "functionVersion", this.settings.functionVersion(), "instanceId",
						"emulated-" + UUID.randomUUID(), "instanceMaxMemory", this.settings.memorySizeMb())));
	}

	void initDone(@Nullable String errorType, Collection<ExtensionRecord> extensions, double durationMs) {
		String initializationType = this.settings.initializationType();
		String status = (errorType != null) ? "error" : "success";
		this.sink.accept(PlatformEvents.initRuntimeDone(initializationType, status, errorType));
		for (ExtensionRecord extension : extensions) {
			String extensionError = (extension.initErrorType != null) ? extension.initErrorType
					: extension.exitErrorType;
			this.sink.accept(PlatformEvents.extension(extension.name, extension.state, extension.events, extensionError));
		}
		this.sink.accept(PlatformEvents.initReport(initializationType, status, errorType, durationMs));
	}

	/**
	 * Send the telemetry of a SnapStart restore: {@code platform.restoreStart}, {@code platform.restoreRuntimeDone}
	 * and {@code platform.restoreReport}.
	 * @param durationMs how long the restore took
	 */
	void restored(double durationMs) {
		this.sink.accept(EmulatedTelemetryEvent.platform("platform.restoreStart",
				Json.object("runtimeVersion", "emulated:1", "runtimeVersionArn",
						"arn:aws:lambda:" + this.settings.region() + "::runtime:emulated", "functionName",
						this.settings.functionName(), "functionVersion", this.settings.functionVersion(), "instanceId",
						"emulated-" + UUID.randomUUID(), "instanceMaxMemory", this.settings.memorySizeMb())));
		this.sink.accept(EmulatedTelemetryEvent.platform("platform.restoreRuntimeDone",
				Json.object("status", "success")));
		this.sink.accept(EmulatedTelemetryEvent.platform("platform.restoreReport",
				Json.object("status", "success", "metrics", Json.object("durationMs", PlatformEvents.round(durationMs)))));
	}

	void invocationStarted(String requestId, @Nullable Map<String, Object> tracing) {
		this.sink.accept(PlatformEvents.start(requestId, this.settings.functionVersion(), tracing));
	}

	/**
	 * Send what the function produces while it runs: its log lines and, unless the invocation ends in a reset,
	 * {@code platform.runtimeDone}.
	 * @param invocation the invocation
	 */
	void invocationRan(Invocation invocation) {
		InvokeRequest request = invocation.request();
		functionLogs(invocation);
		if (!PlatformEvents.endsInReset(request)) {
			this.sink.accept(PlatformEvents.runtimeDone(invocation.requestId(), request, runtimeMs(request),
					invocation.startedAt(), invocation.tracing()));
		}
	}

	/**
	 * Send the {@code platform.report} of an on-demand invocation (preceded by its {@code platform.runtimeDone}
	 * when it ended in a reset); its duration includes the time extensions took after the runtime was done.
	 * @param invocation the invocation
	 * @param initDurationMs the Init duration, reported with the first invocation only
	 */
	void invocationReported(Invocation invocation, @Nullable Double initDurationMs) {
		InvokeRequest request = invocation.request();
		double runtimeMs = runtimeMs(request);
		if (PlatformEvents.endsInReset(request)) {
			this.sink.accept(PlatformEvents.runtimeDone(invocation.requestId(), request, runtimeMs,
					invocation.startedAt(), invocation.tracing()));
		}
		double elapsedMs = (invocation.lastDoneNanos() - invocation.deliveredNanos()) / 1_000_000.0;
		double overheadMs = Math.max(0, elapsedMs - runtimeMs);
		double durationMs = PlatformEvents.round(runtimeMs + overheadMs);
		int memorySizeMb = this.settings.memorySizeMb();
		Map<String, Object> metrics = Json.object("durationMs", durationMs, "billedDurationMs",
				(long) Math.ceil(durationMs), "memorySizeMB", memorySizeMb, "maxMemoryUsedMB",
				Math.min(memorySizeMb, 64 + invocation.sequence()), "initDurationMs",
				(invocation.sequence() == 1) ? PlatformEvents.round(initDurationMs) : null);
		this.sink.accept(PlatformEvents.report(invocation.requestId(), request, metrics, overheadMs));
	}

	/**
	 * Send the log lines and the {@code platform.report} of a completed Lambda Managed Instances invocation.
	 * @param invocation the invocation
	 */
	void managedInstancesInvocationCompleted(Invocation invocation) {
		InvokeRequest request = invocation.request();
		functionLogs(invocation);
		this.sink.accept(PlatformEvents.managedInstancesReport(invocation.requestId(), request, runtimeMs(request),
				invocation.startedAt(), invocation.tracing()));
	}

	void extensionLog(String line) {
		this.sink.accept(new EmulatedTelemetryEvent(EmulatedTelemetryEvent.format(Instant.now()), "extension", line,
				null));
	}

	void raw(Map<String, Object> event) {
		this.sink.accept(EmulatedTelemetryEvent.raw(event));
	}

	private void functionLogs(Invocation invocation) {
		PlatformEvents.functionLogs(invocation.requestId(), invocation.request(), this.settings.logFormat())
			.forEach(this.sink);
	}

	private double runtimeMs(InvokeRequest request) {
		Duration timeout = this.settings.timeout(request);
		return PlatformEvents.runtimeDurationMs(request, timeout);
	}

}
