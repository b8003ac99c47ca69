package dev.lambdaextension.benchmarks.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.lambdaextension.benchmarks.harness.Layers.App;
import dev.lambdaextension.test.emulator.Invocation;
import dev.lambdaextension.test.emulator.InvokeRequest;
import dev.lambdaextension.test.launcher.LambdaSession;

/**
 * Invoke overhead: the minimal starter extension runs as a process with the launcher's flags
 * under the emulator; each invocation's duration is the emulator's own measurement
 * ({@link Invocation#awaitExtensionsDone}): from the moment INVOKE is handed to the parked
 * {@code next} (just before the emulator's HTTP thread wakes to write the response) to the
 * moment the extension's following {@code next} request reaches the emulator's handler.
 * <ul>
 * <li>{@code loop}: telemetry disabled: no listener work, no barrier, the lifecycle loop alone;</li>
 * <li>{@code barrier}: one no-op {@code @TelemetryListener}, runtimeDone barrier on, and the
 * emulator flushes its telemetry buffer right after {@code platform.runtimeDone} (as if
 * Lambda delivered it at once): barrier machinery without the buffering delay;</li>
 * <li>{@code barrier-buffered}: as {@code barrier} but delivery waits for the subscription's
 * buffering timeout (25 ms, the minimum), as in Lambda.</li>
 * </ul>
 */
final class InvokeBenchmark {

	private InvokeBenchmark() {
	}

	static void run(Map<String, String> options) {
		int invocations = Integer.parseInt(options.getOrDefault("invocations", "10000"));
		int warmup = Integer.parseInt(options.getOrDefault("warmup", "1000"));
		int buffered = Integer.parseInt(options.getOrDefault("buffered-invocations", "400"));
		List<String> modes = List.of(options.getOrDefault("modes", "loop,barrier,barrier-buffered").split(","));
		StringBuilder summary = new StringBuilder();
		summary.append("| JDK | mode | invocations | p50 (ms) | p90 (ms) | p99 (ms) | p99.9 (ms) | max (ms) | mean (ms) |\n");
		summary.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
		StringBuilder csv = new StringBuilder("jdk,mode,n,p50_ms,p90_ms,p99_ms,p999_ms,max_ms,mean_ms\n");
		for (Map.Entry<String, Path> jdk : Env.jdks(options.get("jdks")).entrySet()) {
			for (String mode : modes) {
				int n = mode.equals("barrier-buffered") ? buffered : invocations;
				int w = mode.equals("barrier-buffered") ? Math.min(warmup, 50) : warmup;
				double[] ms = measure(jdk.getKey(), jdk.getValue(), mode, n, w);
				double[] sorted = ms.clone();
				Arrays.sort(sorted);
				double mean = Arrays.stream(ms).average().orElse(Double.NaN);
				String row = String.format(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |", jdk.getKey(),
						mode, n, Env.percentile(sorted, 50), Env.percentile(sorted, 90), Env.percentile(sorted, 99),
						Env.percentile(sorted, 99.9), sorted[sorted.length - 1], mean);
				System.out.println(row);
				summary.append(row).append('\n');
				csv.append(String.format(Locale.ROOT, "%s,%s,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f%n", jdk.getKey(), mode, n,
						Env.percentile(sorted, 50), Env.percentile(sorted, 90), Env.percentile(sorted, 99),
						Env.percentile(sorted, 99.9), sorted[sorted.length - 1], mean));
				StringBuilder raw = new StringBuilder("ms\n");
				for (double value : ms) {
					raw.append(String.format(Locale.ROOT, "%.4f%n", value));
				}
				Env.write(Env.results().resolve("invoke-" + mode + "-jdk" + jdk.getKey() + ".csv"), raw.toString());
			}
		}
		System.out.println(summary);
		Env.write(Env.results().resolve("invoke-summary.md"), summary.toString());
		Env.write(Env.results().resolve("invoke-summary.csv"), csv.toString());
	}

	static double[] measure(String jdkLabel, Path javaHome, String mode, int invocations, int warmup) {
		String name = "minimal-invoke-jdk" + jdkLabel;
		Path layer = Layers.create(App.minimal(), name, false);
		Map<String, String> environment = new LinkedHashMap<>();
		boolean flush = false;
		switch (mode) {
			case "loop" -> environment.put("LAMBDA_EXTENSION_TELEMETRY_ENABLED", "false");
			case "barrier" -> flush = true;
			case "barrier-buffered" -> environment.put("LAMBDA_EXTENSION_TELEMETRY_BUFFERING_TIMEOUT", "25ms");
			default -> throw new IllegalArgumentException("Unknown mode " + mode);
		}
		System.out.println("== invoke overhead, JDK " + jdkLabel + ", mode " + mode + ": " + warmup + " warm-up + "
				+ invocations + " invocations");
		double[] result = new double[invocations];
		try (LambdaSession session = Layers.session(layer, javaHome, environment, false)) {
			session.init();
			long started = System.nanoTime();
			for (int i = 0; i < warmup + invocations; i++) {
				Invocation invocation = session.invoke(InvokeRequest.success());
				if (flush) {
					session.emulator().telemetry().flush(Duration.ofSeconds(5));
				}
				Map<String, Duration> done = session.awaitExtensionsDone(invocation, Duration.ofSeconds(10));
				if (i >= warmup) {
					result[i - warmup] = done.values().iterator().next().toNanos() / 1_000_000.0;
				}
			}
			System.out.printf(Locale.ROOT, "   %.1f s wall%n", (System.nanoTime() - started) / 1e9);
			session.shutdown("spindown", Duration.ofSeconds(2));
		}
		return result;
	}

}
