package dev.lambdaextension.test.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Builds the platform and function events the emulator emits, in the shapes the Telemetry
 * API documents: Init ({@code initRuntimeDone}, {@code extension}, {@code initReport}) and
 * each invocation ({@code start}, function log lines, {@code runtimeDone}, {@code report}).
 */
final class PlatformEvents {

	private PlatformEvents() {
	}

	static EmulatedTelemetryEvent initRuntimeDone(String initializationType, String status, @Nullable String errorType) {
		return EmulatedTelemetryEvent.platform("platform.initRuntimeDone", Json.object("initializationType", initializationType,
				"phase", "init", "status", status, "errorType", errorType));
	}

	static EmulatedTelemetryEvent extension(String name, EmulatedExtensionState state, List<String> events,
			@Nullable String errorType) {
		return EmulatedTelemetryEvent.platform("platform.extension",
				Json.object("name", name, "state", state.wireName(), "events", events, "errorType", errorType));
	}

	static EmulatedTelemetryEvent initReport(String initializationType, String status, @Nullable String errorType,
			@Nullable Double durationMs) {
		return EmulatedTelemetryEvent.platform("platform.initReport",
				Json.object("initializationType", initializationType, "phase", "init", "status", status, "errorType",
						errorType, "metrics", Json.object("durationMs", round(durationMs))));
	}

	static EmulatedTelemetryEvent start(String requestId, String version, @Nullable Map<String, Object> tracing) {
		return EmulatedTelemetryEvent.platform("platform.start",
				Json.object("requestId", requestId, "version", version, "tracing", tracing));
	}

	static List<EmulatedTelemetryEvent> functionLogs(String requestId, InvokeRequest request, LogFormat format) {
		List<EmulatedTelemetryEvent> events = new ArrayList<>();
		for (EmulatedFunctionLog log : request.logs()) {
			String time = EmulatedTelemetryEvent.format(Instant.now());
			Map<String, Object> structured = Json.object("timestamp", time, "level", log.level(), "requestId",
					requestId, "message", log.message());
			String text = (format == LogFormat.JSON) ? Json.write(structured)
					: time + "\t" + requestId + "\t" + log.level() + "\t" + log.message();
			events.add(new EmulatedTelemetryEvent(time, "function", text, (format == LogFormat.JSON) ? structured : null));
		}
		return events;
	}

	static EmulatedTelemetryEvent runtimeDone(String requestId, InvokeRequest request, double durationMs,
			Instant runtimeStart, @Nullable Map<String, Object> tracing) {
		return EmulatedTelemetryEvent.platform("platform.runtimeDone",
				Json.object("requestId", requestId, "status", request.status().wireName(), "errorType",
						request.errorType(), "metrics",
						Json.object("durationMs", durationMs, "producedBytes", request.producedBytes()), "spans",
						responseSpans(runtimeStart, durationMs),
						"tracing", tracing));
	}

	static EmulatedTelemetryEvent report(String requestId, InvokeRequest request, Map<String, Object> metrics,
			double overheadMs) {
		Instant overheadStart = Instant.now().minusNanos((long) (overheadMs * 1_000_000));
		return EmulatedTelemetryEvent.platform("platform.report",
				Json.object("requestId", requestId, "status", request.status().wireName(), "errorType",
						request.errorType(), "metrics", metrics, "spans",
						List.of(span("extensionOverhead", overheadStart, overheadMs))));
	}

	/**
	 * Lambda Managed Instances report: only {@code metrics.durationMs} and the spans {@code responseLatency}
	 * and {@code responseDuration}.
	 */
	static EmulatedTelemetryEvent managedInstancesReport(String requestId, InvokeRequest request, double durationMs,
			Instant start, @Nullable Map<String, Object> tracing) {
		return EmulatedTelemetryEvent.platform("platform.report",
				Json.object("requestId", requestId, "status", request.status().wireName(), "errorType",
						request.errorType(), "metrics", Json.object("durationMs", round(durationMs)), "spans",
						responseSpans(start, durationMs), "tracing", tracing));
	}

	/**
	 * Return whether the invocation ends in a reset (timeout, runtime crash, sandbox failure): the runtime
	 * never calls {@code next}, so {@code platform.runtimeDone} is produced by the platform at the end of the
	 * invoke phase instead of while the extensions run.
	 */
	static boolean endsInReset(InvokeRequest request) {
		String errorType = request.errorType();
		return request.status() == InvocationStatus.TIMEOUT || (errorType != null
				&& (errorType.equals("Runtime.ExitError") || errorType.startsWith("Sandbox.")));
	}

	/**
	 * Return how long the simulated function ran: its whole timeout when it timed out.
	 */
	static double runtimeDurationMs(InvokeRequest request, Duration timeout) {
		if (request.status() == InvocationStatus.TIMEOUT) {
			return timeout.toMillis();
		}
		return round(request.duration().toNanos() / 1_000_000.0);
	}

	/**
	 * Round to microseconds, as Lambda reports durations; {@code 0} when absent.
	 */
	static double round(@Nullable Double value) {
		return (value != null) ? Math.round(value * 1000.0) / 1000.0 : 0.0;
	}

	private static List<Map<String, Object>> responseSpans(Instant start, double durationMs) {
		return List.of(span("responseLatency", start, Math.max(0, durationMs - 0.2)),
				span("responseDuration", start.plusNanos((long) (Math.max(0, durationMs - 0.2) * 1_000_000)), 0.2));
	}

	private static Map<String, Object> span(String name, Instant start, double durationMs) {
		return Json.object("name", name, "start", EmulatedTelemetryEvent.format(start), "durationMs", round(durationMs));
	}

}
