package dev.lambdaextension.benchmarks.harness;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.lambdaextension.benchmarks.harness.Layers.App;
import dev.lambdaextension.benchmarks.jmh.TelemetryBatches;
import dev.lambdaextension.test.emulator.Invocation;
import dev.lambdaextension.test.emulator.InvokeRequest;
import dev.lambdaextension.test.launcher.LambdaSession;

/**
 * Memory: RSS and heap of an extension process with the launcher's flags, idle after Init
 * and after 1M telemetry events posted to its listener (1,000-event batches of about
 * 256 KiB, as Lambda would post them), then a few seconds later (steady), then after a full
 * GC (live heap).
 */
final class MemoryBenchmark {

	private MemoryBenchmark() {
	}

	static void run(Map<String, String> options) throws Exception {
		long total = Long.parseLong(options.getOrDefault("events", "1000000"));
		boolean nmt = Boolean.parseBoolean(options.getOrDefault("nmt", "false"));
		boolean archive = Boolean.parseBoolean(options.getOrDefault("archive", "true"));
		String uid = Env.run(List.of("id", "-u")).trim();
		List<String> apps = List.of(options.getOrDefault("apps", "minimal").split(","));
		StringBuilder summary = new StringBuilder();
		summary.append("| JDK | extension | point | RSS (MB) | peak RSS (MB) | heap used (MB) | heap committed (MB) | metaspace used (MB) |\n");
		summary.append("|---|---|---|---:|---:|---:|---:|---:|\n");
		List<TelemetryBatches.Batch> batches = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			batches.add(TelemetryBatches.build(256 * 1024 - 512, 1000 + i));
		}
		for (Map.Entry<String, Path> jdk : Env.jdks(options.get("jdks")).entrySet()) {
			for (String appName : apps) {
				App app = appName.equals("sample") ? App.sample() : App.minimal();
				String name = appName + "-memory-jdk" + jdk.getKey();
				Path layer = Layers.create(app, name, false);
				for (String suffix : List.of(".jsa", ".aot")) {
					Files.deleteIfExists(Path.of("/tmp/" + name + "-" + uid + suffix));
				}
				Map<String, String> environment = new LinkedHashMap<>();
				String extra = options.getOrDefault("java-opts", "") + (nmt ? " -XX:NativeMemoryTracking=summary" : "");
				if (!extra.isBlank()) {
					environment.put("LAMBDA_EXTENSION_JAVA_OPTS", extra.trim());
				}
				if (archive) {
					recordArchive(layer, jdk.getValue(), environment);
				}
				System.out.println("== memory, JDK " + jdk.getKey() + ", " + appName + ", " + total + " events"
						+ (archive ? ", with the launcher's recorded archive" : ""));
				try (LambdaSession session = Layers.session(layer, jdk.getValue(), environment, false)) {
					session.init();
					await(session);
					long pid = session.launched().get(0).process().pid();
					TimeUnit.SECONDS.sleep(2);
					row(summary, jdk, appName, "idle after Init + 1 invoke", pid);
					long sent = 0;
					long retries = 0;
					long started = System.nanoTime();
					for (int i = 0; sent < total; i++) {
						TelemetryBatches.Batch batch = batches.get(i % batches.size());
						String body = new String(batch.body(), StandardCharsets.UTF_8);
						while (true) {
							int status = session.emulator().telemetry().postToSubscriber(name, body);
							if (status == 200) {
								break;
							}
							if (status != 503) {
								throw new IllegalStateException("Listener answered " + status);
							}
							retries++;
							TimeUnit.MILLISECONDS.sleep(2);
						}
						sent += batch.events();
					}
					// The barrier returns once this invocation's runtimeDone has been dispatched, i.e. after every
					// earlier event (one FIFO queue).
					await(session);
					double seconds = (System.nanoTime() - started) / 1e9;
					System.out.printf(Locale.ROOT, "   %d events in %.1f s (%.0f events/s end to end through the process), %d 503 retries%n",
							sent, seconds, sent / seconds, retries);
					row(summary, jdk, appName, "right after " + sent + " events", pid);
					TimeUnit.SECONDS.sleep(5);
					row(summary, jdk, appName, "steady (5 s later)", pid);
					Env.run(List.of(jdk.getValue().resolve("bin/jcmd").toString(), String.valueOf(pid), "GC.run"));
					TimeUnit.SECONDS.sleep(1);
					row(summary, jdk, appName, "after a full GC", pid);
					if (nmt) {
						Env.write(Env.results().resolve(options.getOrDefault("tag", "memory") + "-nmt-" + name + ".txt"),
								Env.run(List.of(jdk.getValue().resolve("bin/jcmd").toString(), String.valueOf(pid),
										"VM.native_memory", "summary")));
					}
					session.shutdown("spindown", Duration.ofSeconds(2));
				}
			}
		}
		System.out.println(summary);
		String tag = options.getOrDefault("tag", nmt ? "memory-nmt" : "memory");
		Env.write(Env.results().resolve(tag + "-summary.md"), summary.toString());
	}

	private static void await(LambdaSession session) {
		Invocation invocation = session.invoke(InvokeRequest.success());
		session.emulator().telemetry().flush(Duration.ofSeconds(5));
		session.awaitExtensionsDone(invocation, Duration.ofSeconds(60));
	}

	private static void row(StringBuilder summary, Map.Entry<String, Path> jdk, String app, String point, long pid) {
		long[] memory = Env.memoryKb(pid);
		double[] heap = heap(jdk.getValue(), pid);
		String row = String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %.1f | %.1f | %.1f | %.1f |", jdk.getKey(), app,
				point, memory[1] / 1024.0, memory[0] / 1024.0, heap[0], heap[1], heap[2]);
		System.out.println(row);
		summary.append(row).append('\n');
	}

	/** used, committed, metaspace used (MB) from {@code jstat -gc}. */
	static double[] heap(Path javaHome, long pid) {
		String out = Env.run(List.of(javaHome.resolve("bin/jstat").toString(), "-gc", String.valueOf(pid)));
		List<String> lines = out.lines().filter((line) -> !line.isBlank()).toList();
		if (lines.size() < 2) {
			return new double[] { Double.NaN, Double.NaN, Double.NaN };
		}
		String[] names = lines.get(0).trim().split("\\s+");
		String[] values = lines.get(1).trim().split("\\s+");
		Map<String, Double> map = new LinkedHashMap<>();
		for (int i = 0; i < Math.min(names.length, values.length); i++) {
			try {
				map.put(names[i], Double.parseDouble(values[i].replace(',', '.')));
			}
			catch (NumberFormatException ex) {
				// "-" columns
			}
		}
		double used = get(map, "S0U") + get(map, "S1U") + get(map, "EU") + get(map, "OU");
		double committed = get(map, "S0C") + get(map, "S1C") + get(map, "EC") + get(map, "OC");
		return new double[] { used / 1024, committed / 1024, get(map, "MU") / 1024 };
	}

	private static double get(Map<String, Double> map, String key) {
		return map.getOrDefault(key, 0.0);
	}


	/**
	 * One unmeasured launch that records the launcher's class-data archive (an AOT cache on
	 * JDK 25) for the measured one, as a layer that ships one would start.
	 */
	private static void recordArchive(Path layer, Path javaHome, Map<String, String> environment) {
		Map<String, String> recording = new LinkedHashMap<>(environment);
		recording.put("LAMBDA_EXTENSION_CDS", "record");
		try (LambdaSession session = Layers.session(layer, javaHome, recording, false)) {
			session.init();
			session.shutdown("spindown", Duration.ofSeconds(60));
		}
	}

}
