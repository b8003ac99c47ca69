package dev.lambdaextension.benchmarks.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.lambdaextension.benchmarks.harness.Layers.App;
import dev.lambdaextension.test.emulator.Invocation;
import dev.lambdaextension.test.emulator.InvokeRequest;
import dev.lambdaextension.test.launcher.ExtensionReport;
import dev.lambdaextension.test.launcher.LambdaSession;

/**
 * Start-up: launches each variant N times through the emulator's process runner
 * ({@link LambdaSession}), interleaving the variants, and records from the emulator's side
 * process start &rarr; register, &rarr; telemetry subscription, &rarr; first {@code next},
 * plus the process's peak RSS (VmHWM) sampled after one invocation, just before SHUTDOWN.
 * Each variant first gets one unmeasured launch that records the CDS/AOT archive where the
 * variant uses one ({@code LAMBDA_EXTENSION_CDS=record} for the launcher script).
 */
final class StartupBenchmark {

	/**
	 * A start-up variant.
	 * @param id short id, part of the extension name
	 * @param group a, b, b-default, c or an experiment
	 * @param app the application
	 * @param custom whether the launcher is the benchmark launcher ({@code BENCH_JVM_FLAGS}) rather
	 * than the application's own launcher script
	 * @param flags the JVM flags for a custom launcher, or extra options for the real one
	 * @param trainFlags flags for the unmeasured first launch, {@code null} for the same as flags
	 * @param jdk the only JDK feature version to run on, or 0 for all
	 * @param description what it shows
	 */
	record Variant(String id, String group, App app, boolean custom, List<String> flags, List<String> trainFlags,
			int jdk, String description) {

		String name(String jdkLabel) {
			return this.id + "-jdk" + jdkLabel;
		}

	}

	static List<Variant> variants(boolean experiments) {
		List<String> noCds = Layers.LAUNCHER_FLAGS_NO_CDS;
		List<Variant> variants = new ArrayList<>();
		variants.add(new Variant("sample", "a", App.sample(), false, List.of(), null, 0,
				"(a) the sample extension, launcher script and flags"));
		variants.add(new Variant("minimal", "b", App.minimal(), false, List.of(), null, 0,
				"(b) minimal starter extension, the sample's launcher script and flags"));
		variants.add(new Variant("minimal-defaults", "b-default", App.minimal(), true, List.of(), null, 0,
				"(b) minimal starter extension, default JVM flags"));
		variants.add(new Variant("actuator", "b-actuator", App.actuator(), false, List.of(), null, 0,
				"(b) with Spring Boot Actuator and Micrometer on the class path"));
		variants.add(new Variant("plain", "c", App.plainJava(), false, List.of(), null, 0,
				"(c) plain-Java baseline, the sample's launcher script and flags"));
		if (experiments) {
			variants.add(new Variant("actuator-eager", "exp", App.actuator(), false,
					List.of("-Dlambda.extension.deferred-initialization.enabled=false"), null, 0,
					"(b) with Actuator, deferred initialisation off: metrics, health and endpoint built before the first next"));
			variants.add(new Variant("plain-defaults", "exp", App.plainJava(), true, List.of(), null, 0,
					"(c) plain-Java baseline, default JVM flags"));
			variants.add(new Variant("min-nocds", "exp", App.minimal(), true, noCds, null, 0,
					"(b) launcher flags without the CDS flags (JDK default CDS archive stays on)"));
			variants.add(new Variant("min-lazy", "exp", App.minimal(), false,
					List.of("-Dspring.main.lazy-initialization=true"), null, 0,
					"(b) launcher flags + spring.main.lazy-initialization=true"));
			variants.add(new Variant("min-spring-aot", "exp", App.minimal(), false,
					List.of("-Dspring.aot.enabled=true"), null, 0,
					"(b) launcher script and flags + Spring AOT (bean definitions generated at build time)"));
			variants.add(new Variant("min-cds", "exp", App.minimal(), true,
					concat(noCds, "-XX:SharedArchiveFile=/tmp/bench-${name}.jsa"),
					concat(noCds, "-XX:ArchiveClassesAtExit=/tmp/bench-${name}.jsa"), 0,
					"(b) dynamic CDS archive made by a training launch (-XX:ArchiveClassesAtExit)"));
			variants.add(new Variant("min-aot25", "exp", App.minimal(), true,
					concat(noCds, "-XX:AOTCache=/tmp/bench-${name}.aot"),
					concat(noCds, "-XX:AOTCacheOutput=/tmp/bench-${name}.aot"), 25,
					"(b) JDK 25 AOT cache made by a training launch (-XX:AOTCacheOutput, JEP 514/515)"));
			variants.add(new Variant("min-aot25-lazy", "exp", App.minimal(), true,
					concat(noCds, "-XX:AOTCache=/tmp/bench-${name}.aot", "-Dspring.main.lazy-initialization=true"),
					concat(noCds, "-XX:AOTCacheOutput=/tmp/bench-${name}.aot", "-Dspring.main.lazy-initialization=true"),
					25, "(b) JDK 25 AOT cache + lazy initialisation"));
			variants.add(new Variant("sample-aot25", "exp", App.sample(), true,
					concat(noCds, "-XX:AOTCache=/tmp/bench-${name}.aot"),
					concat(noCds, "-XX:AOTCacheOutput=/tmp/bench-${name}.aot"), 25,
					"(a) sample with a JDK 25 AOT cache made by a training launch"));
			variants.add(new Variant("sample-cds17", "exp", App.sample(), true,
					concat(noCds, "-XX:SharedArchiveFile=/tmp/bench-${name}.jsa"),
					concat(noCds, "-XX:ArchiveClassesAtExit=/tmp/bench-${name}.jsa"), 17,
					"(a) sample with a JDK 17 dynamic CDS archive made by a training launch"));
		}
		return variants;
	}

	private static List<String> concat(List<String> base, String... more) {
		List<String> all = new ArrayList<>(base);
		all.addAll(List.of(more));
		return all;
	}

	/** One measured launch. */
	record Launch(String jdk, Variant variant, int index, double registerMs, double subscribedMs, double firstNextMs,
			long hwmKb, long rssKb) {
	}

	static void run(Map<String, String> options) throws Exception {
		int launches = Integer.parseInt(options.getOrDefault("launches", "10"));
		boolean experiments = Boolean.parseBoolean(options.getOrDefault("experiments", "false"));
		boolean verbose = Boolean.parseBoolean(options.getOrDefault("verbose", "false"));
		String only = options.get("variants");
		Map<String, Path> jdks = Env.jdks(options.get("jdks"));
		List<Variant> variants = new ArrayList<>(variants(experiments));
		if (only != null) {
			Set<String> ids = Set.of(only.split(","));
			variants.removeIf((variant) -> !ids.contains(variant.id()));
		}
		String uid = Env.run(List.of("id", "-u")).trim();
		List<Launch> results = new ArrayList<>();
		StringBuilder csv = new StringBuilder("jdk,variant,group,launch,register_ms,subscribed_ms,first_next_ms,hwm_kb,rss_kb\n");
		for (Map.Entry<String, Path> jdk : jdks.entrySet()) {
			System.out.println("== JDK " + jdk.getKey() + ": " + Env.javaVersion(jdk.getValue()));
			List<Variant> selected = variants.stream()
				.filter((variant) -> variant.jdk() == 0 || String.valueOf(variant.jdk()).equals(jdk.getKey()))
				.toList();
			Map<Variant, Path> layers = new LinkedHashMap<>();
			for (Variant variant : selected) {
				String name = variant.name(jdk.getKey());
				Files.deleteIfExists(Path.of("/tmp/" + name + "-" + uid + ".jsa"));
				Files.deleteIfExists(Path.of("/tmp/" + name + "-" + uid + ".aot"));
				Files.deleteIfExists(Path.of("/tmp/bench-" + name + ".jsa"));
				Files.deleteIfExists(Path.of("/tmp/bench-" + name + ".aot"));
				layers.put(variant, Layers.create(variant.app(), name, variant.custom()));
			}
			// index 0: unmeasured first launch (creates archives), then interleaved measured launches
			for (int index = 0; index <= launches; index++) {
				for (Variant variant : selected) {
					Launch launch = launch(jdk.getKey(), jdk.getValue(), variant, layers.get(variant), index, verbose);
					System.out.printf(Locale.ROOT, "%-3s %-18s #%-2d register %7.1f  subscribed %7.1f  first next %7.1f ms  peak RSS %6.1f MB%s%n",
							jdk.getKey(), variant.id(), index, launch.registerMs(), launch.subscribedMs(),
							launch.firstNextMs(), launch.hwmKb() / 1024.0, (index == 0) ? "  (first launch, not counted)" : "");
					csv.append(String.join(",", jdk.getKey(), variant.id(), variant.group(), String.valueOf(index),
							Env.fmt3(launch.registerMs()), Env.fmt3(launch.subscribedMs()), Env.fmt3(launch.firstNextMs()),
							String.valueOf(launch.hwmKb()), String.valueOf(launch.rssKb()))).append('\n');
					if (index > 0) {
						results.add(launch);
					}
				}
			}
		}
		Path dir = Env.results();
		String tag = options.getOrDefault("tag", experiments ? "startup-experiments" : "startup");
		Env.write(dir.resolve(tag + "-launches.csv"), csv.toString());
		String summary = summary(results, variants);
		System.out.println(summary);
		Env.write(dir.resolve(tag + "-summary.md"), summary);
		Env.write(dir.resolve(tag + "-summary.csv"), summaryCsv(results, variants));
		Charts.startup(results, variants, "performance-" + tag + ".svg");
	}

	static Launch launch(String jdkLabel, Path javaHome, Variant variant, Path layer, int index, boolean verbose) {
		String name = variant.name(jdkLabel);
		boolean first = index == 0;
		List<String> flags = (first && variant.trainFlags() != null) ? variant.trainFlags() : variant.flags();
		String flagText = String.join(" ", flags).replace("${name}", name);
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put(variant.custom() ? "BENCH_JVM_FLAGS" : "LAMBDA_EXTENSION_JAVA_OPTS", flagText);
		if (first && !variant.custom()) {
			// the launcher writes its class-data archive only when asked to
			environment.put("LAMBDA_EXTENSION_CDS", "record");
		}
		try (LambdaSession session = Layers.session(layer, javaHome, environment, verbose)) {
			List<ExtensionReport> reports = session.init();
			Invocation invocation = session.invoke(InvokeRequest.success());
			session.awaitExtensionsDone(invocation, Duration.ofSeconds(10));
			long pid = session.launched().get(0).process().pid();
			long[] memory = Env.memoryKb(pid);
			session.shutdown("spindown", first ? Duration.ofSeconds(60) : Duration.ofSeconds(2));
			ExtensionReport report = reports.get(0);
			return new Launch(jdkLabel, variant, index, ms(report.registered()), ms(report.telemetrySubscribed()),
					ms(report.firstNext()), memory[0], memory[1]);
		}
	}

	private static double ms(Duration duration) {
		return (duration != null) ? duration.toNanos() / 1_000_000.0 : Double.NaN;
	}

	static List<Double> values(List<Launch> launches, String jdk, String id, java.util.function.ToDoubleFunction<Launch> f) {
		return launches.stream()
			.filter((l) -> l.jdk().equals(jdk) && l.variant().id().equals(id))
			.map((l) -> f.applyAsDouble(l))
			.toList();
	}

	private static String summary(List<Launch> results, List<Variant> variants) {
		StringBuilder out = new StringBuilder();
		for (String jdk : results.stream().map(Launch::jdk).distinct().toList()) {
			int n = values(results, jdk, results.get(0).variant().id(), Launch::registerMs).size();
			out.append("\n#### JDK ").append(jdk).append(" (").append(n).append(" launches each, ms from process start; median / p90)\n\n");
			out.append("| variant | register | telemetry subscription | first `next` | peak RSS (MB) | register / (c) | first next / (c) |\n");
			out.append("|---|---:|---:|---:|---:|---:|---:|\n");
			double baseRegister = Env.median(values(results, jdk, "plain", Launch::registerMs));
			double baseNext = Env.median(values(results, jdk, "plain", Launch::firstNextMs));
			for (Variant variant : variants) {
				List<Double> register = values(results, jdk, variant.id(), Launch::registerMs);
				if (register.isEmpty()) {
					continue;
				}
				List<Double> subscribed = values(results, jdk, variant.id(), Launch::subscribedMs);
				List<Double> next = values(results, jdk, variant.id(), Launch::firstNextMs);
				List<Double> hwm = values(results, jdk, variant.id(), (l) -> l.hwmKb() / 1024.0);
				out.append("| `").append(variant.id()).append("` ").append(variant.description()).append(" | ")
					.append(Env.fmt(Env.median(register))).append(" / ").append(Env.fmt(Env.p90(register))).append(" | ")
					.append(Env.fmt(Env.median(subscribed))).append(" / ").append(Env.fmt(Env.p90(subscribed))).append(" | ")
					.append(Env.fmt(Env.median(next))).append(" / ").append(Env.fmt(Env.p90(next))).append(" | ")
					.append(Env.fmt(Env.median(hwm))).append(" / ").append(Env.fmt(Env.p90(hwm))).append(" | ")
					.append(String.format(Locale.ROOT, "%.2f", Env.median(register) / baseRegister)).append(" | ")
					.append(String.format(Locale.ROOT, "%.2f", Env.median(next) / baseNext)).append(" |\n");
			}
		}
		return out.toString();
	}

	private static String summaryCsv(List<Launch> results, List<Variant> variants) {
		StringBuilder out = new StringBuilder("jdk,variant,group,n,register_median,register_p90,subscribed_median,subscribed_p90,first_next_median,first_next_p90,hwm_mb_median,hwm_mb_p90\n");
		for (String jdk : results.stream().map(Launch::jdk).distinct().toList()) {
			for (Variant variant : variants) {
				List<Double> register = values(results, jdk, variant.id(), Launch::registerMs);
				if (register.isEmpty()) {
					continue;
				}
				List<Double> subscribed = values(results, jdk, variant.id(), Launch::subscribedMs);
				List<Double> next = values(results, jdk, variant.id(), Launch::firstNextMs);
				List<Double> hwm = values(results, jdk, variant.id(), (l) -> l.hwmKb() / 1024.0);
				out.append(String.join(",", jdk, variant.id(), variant.group(), String.valueOf(register.size()),
						Env.fmt3(Env.median(register)), Env.fmt3(Env.p90(register)), Env.fmt3(Env.median(subscribed)),
						Env.fmt3(Env.p90(subscribed)), Env.fmt3(Env.median(next)), Env.fmt3(Env.p90(next)),
						Env.fmt3(Env.median(hwm)), Env.fmt3(Env.p90(hwm)))).append('\n');
			}
		}
		return out.toString();
	}

}
