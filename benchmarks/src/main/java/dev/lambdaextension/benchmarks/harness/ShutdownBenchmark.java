package dev.lambdaextension.benchmarks.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.lambdaextension.benchmarks.harness.Layers.App;
import dev.lambdaextension.test.emulator.DeliveredBatch;
import dev.lambdaextension.test.emulator.Invocation;
import dev.lambdaextension.test.emulator.InvokeRequest;
import dev.lambdaextension.test.launcher.LambdaSession;
import dev.lambdaextension.test.launcher.LaunchedExtension;
import dev.lambdaextension.test.launcher.ShutdownReport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shutdown timing of the sample extension, run as a process with the launcher's flags
 * under the emulator, which (like Lambda) delivers the last invocation's
 * {@code platform.report} only after SHUTDOWN. Per launch: three invocations, then
 * SHUTDOWN with the 2,000 ms budget; measured from the moment SHUTDOWN is handed out to
 * the last report's delivery being answered, and to the process exit, and how long before
 * the deadline the process was gone.
 */
final class ShutdownBenchmark {

	private ShutdownBenchmark() {
	}

	static void run(Map<String, String> options) {
		int launches = Integer.parseInt(options.getOrDefault("launches", "10"));
		StringBuilder summary = new StringBuilder();
		summary.append("| JDK | launches | SHUTDOWN → last report delivered, p50 / max (ms) | SHUTDOWN → exit, p50 / max (ms) "
				+ "| exit before deadline, min (ms) | exit codes |\n");
		summary.append("|---|---:|---:|---:|---:|---|\n");
		for (Map.Entry<String, Path> jdk : Env.jdks(options.get("jdks")).entrySet()) {
			Path layer = Layers.create(App.sample(), "sample-shutdown-jdk" + jdk.getKey(), false);
			List<Double> toReport = new ArrayList<>();
			List<Double> toExit = new ArrayList<>();
			List<Double> beforeDeadline = new ArrayList<>();
			List<Integer> exitCodes = new ArrayList<>();
			System.out.println("== shutdown, JDK " + jdk.getKey() + ": " + launches + " launches");
			for (int i = 0; i < launches; i++) {
				try (LambdaSession session = Layers.session(layer, jdk.getValue(), Map.of(), false)) {
					session.init();
					Invocation last = null;
					for (int n = 0; n < 3; n++) {
						last = session.invoke(InvokeRequest.success());
						session.awaitExtensionsDone(last, Duration.ofSeconds(10));
					}
					long shutdownNanos = System.nanoTime();
					Instant shutdownAt = Instant.now();
					ShutdownReport report = session.shutdown("spindown", Duration.ofSeconds(2));
					LaunchedExtension extension = session.launched().get(0);
					Long exitNanos = extension.exitNanos();
					double exitMs = (exitNanos != null) ? (exitNanos - shutdownNanos) / 1e6 : Double.NaN;
					toExit.add(exitMs);
					beforeDeadline.add(Duration.between(shutdownAt, report.deadline()).toNanos() / 1e6 - exitMs);
					exitCodes.add(extension.exitCode());
					String requestId = last.requestId();
					toReport.add(session.emulator()
						.telemetry()
						.deliveredBatches()
						.stream()
						.filter((batch) -> batch.status() == 200 && hasReport(batch, requestId))
						.map(DeliveredBatch::sentAt)
						.findFirst()
						.map((at) -> Duration.between(shutdownAt, at).toNanos() / 1e6)
						.orElse(Double.NaN));
				}
			}
			String row = String.format(Locale.ROOT, "| %s | %d | %.1f / %.1f | %.1f / %.1f | %.1f | %s |", jdk.getKey(),
					launches, median(toReport), max(toReport), median(toExit), max(toExit), min(beforeDeadline),
					exitCodes);
			System.out.println(row);
			summary.append(row).append('\n');
		}
		System.out.println(summary);
		Env.write(Env.results().resolve("shutdown-summary.md"), summary.toString());
	}

	private static boolean hasReport(DeliveredBatch batch, String requestId) {
		for (JsonNode event : JsonMapper.shared().readTree(batch.body())) {
			if ("platform.report".equals(event.path("type").asString())
					&& requestId.equals(event.path("record").path("requestId").asString())) {
				return true;
			}
		}
		return false;
	}

	private static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return Env.percentile(sorted, 50);
	}

	private static double max(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
	}

	private static double min(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
	}

}
