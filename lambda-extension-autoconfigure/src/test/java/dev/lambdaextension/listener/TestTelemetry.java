package dev.lambdaextension.listener;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import dev.lambdaextension.telemetry.TelemetryBatchParser;
import dev.lambdaextension.telemetry.TelemetryEvent;

/**
 * Telemetry events for tests, parsed from JSON.
 */
final class TestTelemetry {

	private static final TelemetryBatchParser parser = new TelemetryBatchParser();

	private TestTelemetry() {
	}

	static List<TelemetryEvent> batch(String... events) {
		String body = Arrays.stream(events).collect(Collectors.joining(",", "[", "]"));
		return parser.parse(body.getBytes(StandardCharsets.UTF_8)).events();
	}

	static String start(String requestId) {
		return "{\"time\":\"2025-11-23T10:15:01.000Z\",\"type\":\"platform.start\",\"record\":{\"requestId\":\""
				+ requestId + "\"}}";
	}

	static String runtimeDone(String requestId) {
		return "{\"time\":\"2025-11-23T10:15:01.250Z\",\"type\":\"platform.runtimeDone\",\"record\":{\"requestId\":\""
				+ requestId + "\",\"status\":\"success\"}}";
	}

	static String report(String requestId) {
		return "{\"time\":\"2025-11-23T10:15:01.300Z\",\"type\":\"platform.report\",\"record\":{\"requestId\":\""
				+ requestId + "\",\"status\":\"success\",\"metrics\":{\"durationMs\":251.42,\"billedDurationMs\":252,"
				+ "\"memorySizeMB\":512,\"maxMemoryUsedMB\":141}}}";
	}

	static String functionLog(String message) {
		return "{\"time\":\"2025-11-23T10:15:01.100Z\",\"type\":\"function\",\"record\":\"" + message + "\"}";
	}

	static String extensionLog(String message) {
		return "{\"time\":\"2025-11-23T10:15:01.100Z\",\"type\":\"extension\",\"record\":\"" + message + "\"}";
	}

	static String unknown() {
		return "{\"time\":\"2025-11-23T10:15:01.100Z\",\"type\":\"platform.somethingNew\",\"record\":{}}";
	}

}
