package dev.lambdaextension.benchmarks.jmh;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic Telemetry API request bodies: per invocation {@code platform.start}, a few
 * function log records (text and JSON, as with the text and JSON log formats), sometimes an
 * extension log line, {@code platform.runtimeDone} with metrics, spans and tracing, and the
 * previous invocation's {@code platform.report}. Deterministic (fixed seed).
 */
public final class TelemetryBatches {

	private TelemetryBatches() {
	}

	/**
	 * A batch built from whole invocations until it reaches the target size.
	 * @param body the JSON array
	 * @param events the number of events in it
	 */
	public record Batch(byte[] body, int events) {
	}

	/**
	 * Build a batch of about {@code targetBytes} (never more).
	 * @param targetBytes the size to reach
	 * @param seed the random seed
	 * @return the batch
	 */
	public static Batch build(int targetBytes, long seed) {
		Random random = new Random(seed);
		StringBuilder out = new StringBuilder(targetBytes + 4096);
		out.append('[');
		int events = 0;
		Instant time = Instant.parse("2025-11-23T10:15:00.000Z");
		while (true) {
			List<String> invocation = invocation(random, time);
			int size = invocation.stream().mapToInt((event) -> event.length() + 1).sum();
			if (out.length() + size + 1 > targetBytes) {
				break;
			}
			for (String event : invocation) {
				if (events > 0) {
					out.append(',');
				}
				out.append(event);
				events++;
			}
			time = time.plusMillis(40 + random.nextInt(200));
		}
		out.append(']');
		return new Batch(out.toString().getBytes(StandardCharsets.UTF_8), events);
	}

	private static List<String> invocation(Random random, Instant start) {
		List<String> events = new ArrayList<>();
		String requestId = uuid(random);
		String trace = "Root=1-" + hex(random, 8) + "-" + hex(random, 24) + ";Parent=" + hex(random, 16) + ";Sampled=1";
		String tracing = "{\"spanId\":\"" + hex(random, 16) + "\",\"type\":\"X-Amzn-Trace-Id\",\"value\":\"" + trace + "\"}";
		Instant time = start;
		events.add(envelope(time, "platform.start",
				"{\"requestId\":\"" + requestId + "\",\"version\":\"$LATEST\",\"tracing\":" + tracing + "}"));
		int logs = 2 + random.nextInt(5);
		for (int i = 0; i < logs; i++) {
			time = time.plusMillis(1 + random.nextInt(20));
			String message = MESSAGES[random.nextInt(MESSAGES.length)] + " order=" + random.nextInt(1_000_000);
			if (random.nextBoolean()) {
				events.add(envelope(time, "function", "\"" + stamp(time) + "\\t" + requestId + "\\tINFO\\t" + message + "\\n\""));
			}
			else {
				events.add(envelope(time, "function", "{\"timestamp\":\"" + stamp(time) + "\",\"level\":\"INFO\",\"requestId\":\""
						+ requestId + "\",\"message\":\"" + message + "\",\"logger\":\"com.example.orders.OrderHandler\"}"));
			}
		}
		if (random.nextInt(4) == 0) {
			events.add(envelope(time, "extension", "\"" + stamp(time) + " INFO  TelemetryForwarder - flushed "
					+ random.nextInt(100) + " spans\""));
		}
		double duration = 5 + random.nextInt(250_000) / 1000.0;
		time = time.plusMillis(2);
		events.add(envelope(time, "platform.runtimeDone", "{\"requestId\":\"" + requestId + "\",\"status\":\"success\","
				+ "\"metrics\":{\"durationMs\":" + duration + ",\"producedBytes\":" + random.nextInt(4096) + "},"
				+ "\"spans\":[{\"name\":\"responseLatency\",\"start\":\"" + stamp(start) + "\",\"durationMs\":"
				+ (duration - 0.3) + "},{\"name\":\"responseDuration\",\"start\":\"" + stamp(time) + "\",\"durationMs\":0.3}],"
				+ "\"tracing\":" + tracing + "}"));
		events.add(envelope(time.plusMillis(1), "platform.report", "{\"requestId\":\"" + requestId
				+ "\",\"status\":\"success\",\"metrics\":{\"durationMs\":" + (duration + 1.2) + ",\"billedDurationMs\":"
				+ (int) Math.ceil(duration + 1.2) + ",\"memorySizeMB\":512,\"maxMemoryUsedMB\":" + (120 + random.nextInt(60))
				+ "},\"spans\":[{\"name\":\"extensionOverhead\",\"start\":\"" + stamp(time) + "\",\"durationMs\":1.2}],"
				+ "\"tracing\":" + tracing + "}"));
		return events;
	}

	private static final String[] MESSAGES = { "Processing order request", "Loaded customer profile from DynamoDB",
			"Payment authorised", "Inventory reserved for 3 items", "Published OrderCreated event to EventBridge",
			"Cache miss for product catalogue page", "Validated request body against schema v3" };

	private static String envelope(Instant time, String type, String record) {
		return "{\"time\":\"" + stamp(time) + "\",\"type\":\"" + type + "\",\"record\":" + record + "}";
	}

	private static String stamp(Instant time) {
		return time.truncatedTo(ChronoUnit.MILLIS).toString();
	}

	private static String uuid(Random random) {
		return hex(random, 8) + "-" + hex(random, 4) + "-4" + hex(random, 3) + "-a" + hex(random, 3) + "-" + hex(random, 12);
	}

	private static String hex(Random random, int digits) {
		StringBuilder out = new StringBuilder(digits);
		for (int i = 0; i < digits; i++) {
			out.append(Character.forDigit(random.nextInt(16), 16));
		}
		return out.toString();
	}

}
