package dev.lambdaextension.test.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders an emulated event for one subscriber: Telemetry API subscribers get the event as it is (except
 * {@code platform.logsSubscription}, which only Logs API subscribers see), Logs API subscribers the Logs API
 * shapes. The Logs API has no init, restore or telemetry-subscription events; its
 * {@code platform.start}, {@code platform.report} and {@code platform.extension} records carry only the
 * Logs API fields; {@code platform.runtimeDone} (schema {@code 2021-03-18} only) is followed by a
 * {@code platform.end}; function and extension lines are always strings. Other types, including raw events
 * such as {@code platform.fault}, pass through unchanged.
 */
final class LogsApiRecords {

	static final String LOGS_SUBSCRIPTION = "platform.logsSubscription";

	static final String RUNTIME_DONE_SCHEMA = "2021-03-18";

	private static final Set<String> TELEMETRY_ONLY = Set.of("platform.initStart", "platform.initRuntimeDone",
			"platform.initReport", "platform.restoreStart", "platform.restoreRuntimeDone", "platform.restoreReport",
			"platform.telemetrySubscription");

	private static final List<String> REPORT_METRICS = List.of("durationMs", "billedDurationMs", "memorySizeMB",
			"maxMemoryUsedMB", "initDurationMs");

	private LogsApiRecords() {
	}

	static List<Map<String, Object>> render(EmulatedTelemetryEvent event, EmulatedTelemetrySubscription subscription) {
		if (!subscription.logsApi()) {
			return LOGS_SUBSCRIPTION.equals(event.type()) ? List.of() : List.of(event.render(subscription));
		}
		if (TELEMETRY_ONLY.contains(event.type())) {
			return List.of();
		}
		if (!(event.record() instanceof Map<?, ?> record)) {
			return List.of(event.render(subscription));
		}
		return switch (event.type()) {
			case "platform.start" -> List.of(shaped(event, "platform.start", only(record, "requestId", "version")));
			case "platform.extension" ->
				List.of(shaped(event, "platform.extension", only(record, "name", "state", "events")));
			case "platform.report" -> List.of(shaped(event, "platform.report", report(record)));
			case "platform.runtimeDone" -> runtimeDone(event, record, subscription);
			default -> List.of(event.render(subscription));
		};
	}

	private static List<Map<String, Object>> runtimeDone(EmulatedTelemetryEvent event, Map<?, ?> record,
			EmulatedTelemetrySubscription subscription) {
		List<Map<String, Object>> rendered = new ArrayList<>();
		if (RUNTIME_DONE_SCHEMA.equals(subscription.schemaVersion())) {
			rendered.add(shaped(event, "platform.runtimeDone", only(record, "requestId", "status")));
		}
		rendered.add(shaped(event, "platform.end", only(record, "requestId")));
		return rendered;
	}

	private static Map<String, Object> report(Map<?, ?> record) {
		Map<String, Object> shaped = only(record, "requestId");
		if (record.get("metrics") instanceof Map<?, ?> metrics) {
			shaped.put("metrics", only(metrics, REPORT_METRICS.toArray(String[]::new)));
		}
		return shaped;
	}

	private static Map<String, Object> only(Map<?, ?> record, String... keys) {
		Map<String, Object> kept = Json.object();
		for (String key : keys) {
			Object value = record.get(key);
			if (value != null) {
				kept.put(key, value);
			}
		}
		return kept;
	}

	private static Map<String, Object> shaped(EmulatedTelemetryEvent event, String type, Map<String, Object> record) {
		return Json.object("time", event.time(), "type", type, "record", record);
	}

}
