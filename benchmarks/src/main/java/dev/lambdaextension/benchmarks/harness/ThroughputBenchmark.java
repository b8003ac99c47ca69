package dev.lambdaextension.benchmarks.harness;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.lambdaextension.benchmarks.jmh.TelemetryBatches;
import dev.lambdaextension.benchmarks.jmh.TelemetryThroughputBenchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link TelemetryThroughputBenchmark} with JMH and reports events per second and the
 * ratio end-to-end / raw parse, per batch size, from the same run.
 */
final class ThroughputBenchmark {

	private ThroughputBenchmark() {
	}

	static void run(Map<String, String> options) throws Exception {
		int forks = Integer.parseInt(options.getOrDefault("forks", "2"));
		int warmups = Integer.parseInt(options.getOrDefault("warmups", "4"));
		int iterations = Integer.parseInt(options.getOrDefault("iterations", "5"));
		int seconds = Integer.parseInt(options.getOrDefault("seconds", "2"));
		// "launcher": the extension's JIT/GC flags; "default": the JVM's defaults (C2, G1).
		String flags = options.getOrDefault("jmh-flags", "launcher");
		String jvm = options.get("jvm");
		ChainedOptionsBuilder builder = new OptionsBuilder().include(TelemetryThroughputBenchmark.class.getName())
			.forks(forks)
			.warmupIterations(warmups)
			.warmupTime(TimeValue.seconds(seconds))
			.measurementIterations(iterations)
			.measurementTime(TimeValue.seconds(seconds))
			.shouldFailOnError(true)
			.result(Env.results().resolve("jmh-" + flags + ".json").toString())
			.resultFormat(org.openjdk.jmh.results.format.ResultFormatType.JSON);
		if (flags.equals("launcher")) {
			builder.jvmArgsAppend("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-XX:MaxRAMPercentage=25");
		}
		if (jvm != null) {
			builder.jvm(jvm);
		}
		Collection<RunResult> results = new Runner(builder.build()).run();
		Map<Integer, Integer> eventsPerBatch = new LinkedHashMap<>();
		Map<String, double[]> scores = new LinkedHashMap<>();
		for (RunResult result : results) {
			String benchmark = result.getParams().getBenchmark();
			benchmark = benchmark.substring(benchmark.lastIndexOf('.') + 1);
			int bytes = Integer.parseInt(result.getParams().getParam("batchBytes"));
			int events = eventsPerBatch.computeIfAbsent(bytes, (b) -> TelemetryBatches.build(b, 42).events());
			double score = result.getPrimaryResult().getScore();
			double error = result.getPrimaryResult().getScoreError();
			scores.put(benchmark + "@" + bytes, new double[] { score * events, error * events, events });
		}
		StringBuilder summary = new StringBuilder();
		summary.append("JVM flags of the forks: ").append(flags).append("; ").append(forks).append(" forks x ")
			.append(iterations).append(" x ").append(seconds).append(" s (").append(warmups).append(" warm-up iterations)\n\n");
		summary.append("| batch | events/batch | raw parse (events/s) | HTTP → @TelemetryListener, one batch at a time "
				+ "(events/s) | ratio | HTTP → @TelemetryListener, pipelined as Lambda delivers (events/s) | ratio | target |\n");
		summary.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
		StringBuilder csv = new StringBuilder(
				"flags,batch_bytes,events_per_batch,raw_events_s,raw_err,http_events_s,http_err,ratio,pipelined_events_s,pipelined_err,pipelined_ratio\n");
		List<Charts.Row> rows = new ArrayList<>();
		for (Map.Entry<Integer, Integer> entry : eventsPerBatch.entrySet()) {
			double[] raw = scores.get("rawParse@" + entry.getKey());
			double[] http = scores.get("httpToListener@" + entry.getKey());
			double[] pipelined = scores.get("httpToListenerPipelined@" + entry.getKey());
			if (raw == null || http == null || pipelined == null) {
				continue;
			}
			double ratio = http[0] / raw[0];
			double pipelinedRatio = pipelined[0] / raw[0];
			String label = (entry.getKey() >= 1024 * 1024) ? "1 MiB" : (entry.getKey() / 1024) + " KiB";
			summary.append(String.format(Locale.ROOT,
					"| %s | %d | %,.0f ± %,.0f | %,.0f ± %,.0f | %.0f%% | %,.0f ± %,.0f | %.0f%% | ≥ 70%% %s |%n", label,
					entry.getValue(), raw[0], raw[1], http[0], http[1], ratio * 100, pipelined[0], pipelined[1],
					pipelinedRatio * 100, pipelinedRatio >= 0.7 ? "met" : "missed"));
			csv.append(String.format(Locale.ROOT, "%s,%d,%d,%.0f,%.0f,%.0f,%.0f,%.4f,%.0f,%.0f,%.4f%n", flags,
					entry.getKey(), entry.getValue(), raw[0], raw[1], http[0], http[1], ratio, pipelined[0],
					pipelined[1], pipelinedRatio));
			rows.add(new Charts.Row(label + " raw parse", new double[] { raw[0] / 1e6 }, new double[] { (raw[0] + raw[1]) / 1e6 }));
			rows.add(new Charts.Row(label + " HTTP → listener", new double[] { http[0] / 1e6 },
					new double[] { (http[0] + http[1]) / 1e6 }));
			rows.add(new Charts.Row(label + " HTTP → listener, pipelined", new double[] { pipelined[0] / 1e6 },
					new double[] { (pipelined[0] + pipelined[1]) / 1e6 }));
		}
		System.out.println(summary);
		Env.write(Env.results().resolve("throughput-" + flags + ".md"), summary.toString());
		Env.write(Env.results().resolve("throughput-" + flags + ".csv"), csv.toString());
		Env.write(Charts.docs().resolve("performance-throughput-" + flags + ".svg"),
				Charts.bars("Telemetry throughput (" + flags + " JVM flags), whisker = 99.9% CI", "million events / s",
						new String[] { "events/s" }, rows, 0, ""));
	}

}
