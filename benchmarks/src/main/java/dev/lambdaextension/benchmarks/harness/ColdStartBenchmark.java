package dev.lambdaextension.benchmarks.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import dev.lambdaextension.benchmarks.harness.Charts.Row;
import dev.lambdaextension.benchmarks.harness.Layers.App;
import dev.lambdaextension.test.emulator.Invocation;
import dev.lambdaextension.test.emulator.InvokeRequest;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.launcher.ExtensionReport;
import dev.lambdaextension.test.launcher.LambdaSession;
import org.jspecify.annotations.Nullable;

/**
 * Cold start side by side (issue 11): the sample's layer zip from the Maven plugin, extracted
 * as Lambda does and started by its launcher with no {@code java} on the PATH (it must pick
 * its bundled runtime); the plain JDK-only extension with default JVM flags on a full JDK; and
 * no extension at all, the Init a function sees without one. Each on 2 cores and on 1 core
 * ({@code taskset -c 0} on the extension), interleaved, the first round not counted. Prints a
 * Markdown table to paste into docs/performance.md and writes {@code docs/performance-coldstart.svg}.
 */
final class ColdStartBenchmark {

	private static final String SAMPLE = "invocation-reporter";

	/**
	 * One side of the comparison.
	 * @param launcher the one file in extensions, or {@code null} for the control
	 */
	record Target(String id, String description, Path extensions, @Nullable Path launcher, Map<String, String> environment,
			String zipped, String unzipped) {
	}

	/** One measured launch; register and first next are NaN for the control. */
	record Launch(Target target, int cpus, double registerMs, double firstNextMs, double initMs, long hwmKb) {
	}

	private ColdStartBenchmark() {
	}

	static void run(Map<String, String> options) throws Exception {
		int launches = Integer.parseInt(options.getOrDefault("launches", "10"));
		Path zip = Path.of(options.getOrDefault("layer",
				Env.projectRoot().resolve("sample-app/target/" + SAMPLE + "-layer.zip").toString()));
		Path jdk = Path.of(options.getOrDefault("jdk", defaultJdk().toString()));
		boolean verbose = Boolean.parseBoolean(options.getOrDefault("verbose", "false"));
		if (!Files.isRegularFile(zip)) {
			throw new IllegalStateException("No layer at " + zip + ": build it first with ./mvnw -B -q -DskipTests package");
		}
		ColdStartSetup setup = new ColdStartSetup(Env.target().resolve("coldstart"));
		long unzipped = setup.extract(zip);
		Map<String, String> noJava = Map.of("PATH", setup.pathWithoutJava().toString());
		Path plainLayer = Layers.create(App.plainJava(), "plain-java-extension", true);
		Path plainJar = App.plainJava().dir().resolve(App.plainJava().jar());
		List<Target> targets = List.of(
				new Target("layer", "sample layer from the plugin, bundled runtime, no java on PATH",
						setup.opt().resolve("extensions"), setup.opt().resolve("extensions").resolve(SAMPLE), noJava,
						mb(Files.size(zip)), mb(unzipped)),
				new Target("plain", "plain JDK-only extension, default JVM flags, " + Env.javaVersion(jdk),
						plainLayer.resolve("extensions"), plainLayer.resolve("extensions/plain-java-extension"),
						Map.of("LAMBDA_EXTENSION_JAVA", jdk.resolve("bin/java").toString()),
						"(jar " + kb(Files.size(plainJar)) + ", needs the function's Java)", "-"),
				new Target("none", "no extension (control): the function's Init alone", setup.noExtensions(), null, Map.of(),
						"-", "-"));
		Optional<Path> taskset = ColdStartSetup.taskset();
		List<Integer> cpus = new ArrayList<>(List.of(2));
		Map<String, Path> oneCore = new HashMap<>();
		if (taskset.isPresent()) {
			cpus.add(1);
			for (Target target : targets) {
				oneCore.put(target.id(), (target.launcher() != null)
						? setup.onOneCore(target.launcher(), taskset.get(), target.id()) : target.extensions());
			}
		}
		else {
			System.out.println("taskset not found (util-linux): the 1-core runs are left out");
		}
		String load = loadAverage();
		List<Launch> results = new ArrayList<>();
		StringBuilder csv = new StringBuilder("variant,cpus,launch,register_ms,first_next_ms,init_ms,hwm_kb\n");
		for (int index = 0; index <= launches; index++) {
			for (int cpu : cpus) {
				for (Target target : targets) {
					Path extensions = (cpu == 1) ? oneCore.get(target.id()) : target.extensions();
					Launch launch = launch(target, cpu, extensions, verbose || index == 0);
					System.out.printf(Locale.ROOT, "%-5s %d CPU #%-2d register %7.1f  first next %7.1f  Init %7.1f ms  peak RSS %6.1f MB%s%n",
							target.id(), cpu, index, launch.registerMs(), launch.firstNextMs(), launch.initMs(),
							launch.hwmKb() / 1024.0, (index == 0) ? "  (first round, not counted)" : "");
					csv.append(String.join(",", target.id(), String.valueOf(cpu), String.valueOf(index),
							Env.fmt3(launch.registerMs()), Env.fmt3(launch.firstNextMs()), Env.fmt3(launch.initMs()),
							String.valueOf(launch.hwmKb()))).append('\n');
					if (index > 0) {
						results.add(launch);
					}
				}
			}
		}
		String heading = String.format(Locale.ROOT, "%d launches each, interleaved, %s, %d CPUs, load average %s at the start and %s at the end%s",
				launches, Instant.now().truncatedTo(ChronoUnit.MINUTES), Runtime.getRuntime().availableProcessors(), load,
				loadAverage(), taskset.isPresent() ? "" : "; taskset not found, so no 1-core rows");
		String summary = summary(results, targets, cpus, heading);
		System.out.println(summary);
		Path dir = Env.results();
		Env.write(dir.resolve("coldstart-launches.csv"), csv.toString());
		Env.write(dir.resolve("coldstart-summary.md"), summary);
		chart(results, targets, cpus);
	}

	private static Launch launch(Target target, int cpus, Path extensions, boolean launcherLines) {
		Map<String, String> base = new HashMap<>(System.getenv());
		for (String name : List.of("JAVA_HOME", "JAVA_TOOL_OPTIONS", "LAMBDA_EXTENSION_JAVA", "LAMBDA_EXTENSION_JAVA_OPTS")) {
			base.remove(name);
		}
		LambdaSession.Builder builder = LambdaSession.builder()
			.extensionsDir(extensions)
			.emulator(LambdaEmulator.builder().initTimeout(Duration.ofSeconds(60)))
			.baseEnvironment(base)
			.output((line) -> {
				// the first round shows the launcher's own lines: which Java, whether the cache was used
				if (launcherLines && (line.contains(": start-up cache") || line.contains(": no Java") || line.contains("FAILED"))) {
					System.out.println("  " + line);
				}
			})
			.environment("LAMBDA_EXTENSION_TELEMETRY_LISTENER_BIND_ADDRESS", "127.0.0.1");
		target.environment().forEach(builder::environment);
		try (LambdaSession session = builder.build()) {
			long start = System.nanoTime();
			List<ExtensionReport> reports = session.init();
			double initMs = (System.nanoTime() - start) / 1_000_000.0;
			if (reports.isEmpty()) {
				session.shutdown("spindown", Duration.ofSeconds(2));
				return new Launch(target, cpus, Double.NaN, Double.NaN, initMs, -1);
			}
			Invocation invocation = session.invoke(InvokeRequest.success());
			session.awaitExtensionsDone(invocation, Duration.ofSeconds(10));
			long[] memory = Env.memoryKb(session.launched().get(0).process().pid());
			session.shutdown("spindown", Duration.ofSeconds(2));
			ExtensionReport report = reports.get(0);
			return new Launch(target, cpus, ms(report.registered()), ms(report.firstNext()), initMs, memory[0]);
		}
	}

	private static String summary(List<Launch> results, List<Target> targets, List<Integer> cpus, String heading) {
		StringBuilder out = new StringBuilder("\n#### Cold start side by side (").append(heading).append(")\n\n");
		out.append("| variant | CPUs | register | first `next` | Init as the function sees it | peak RSS (MB) | first next / plain | zipped | unzipped |\n");
		out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (int cpu : cpus) {
			double plain = Env.median(values(results, "plain", cpu, Launch::firstNextMs));
			for (Target target : targets) {
				List<Double> next = values(results, target.id(), cpu, Launch::firstNextMs);
				boolean control = target.id().equals("none");
				out.append("| `").append(target.id()).append("` ").append(target.description()).append(" | ").append(cpu)
					.append(" | ").append(control ? "-" : medianP90(values(results, target.id(), cpu, Launch::registerMs)))
					.append(" | ").append(control ? "-" : medianP90(next))
					.append(" | ").append(medianP90(values(results, target.id(), cpu, Launch::initMs)))
					.append(" | ").append(control ? "-" : Env.fmt(Env.median(values(results, target.id(), cpu, (l) -> l.hwmKb() / 1024.0))))
					.append(" | ").append(control ? "-" : String.format(Locale.ROOT, "%.2f×", Env.median(next) / plain))
					.append(" | ").append(target.zipped()).append(" | ").append(target.unzipped()).append(" |\n");
			}
		}
		out.append("\nms from process start (median / p90); Init is the emulator's, from launching the extensions to every one waiting in `next`.\n");
		return out.toString();
	}

	private static void chart(List<Launch> results, List<Target> targets, List<Integer> cpus) {
		List<Row> rows = new ArrayList<>();
		for (int cpu : cpus) {
			for (Target target : targets) {
				List<Double> register = values(results, target.id(), cpu, Launch::registerMs);
				List<Double> next = values(results, target.id(), cpu, Launch::firstNextMs);
				List<Double> init = values(results, target.id(), cpu, Launch::initMs);
				rows.add(new Row(cpu + " CPU" + (cpu > 1 ? "s  " : "  ") + target.id(),
						new double[] { Env.median(register), Env.median(next), Env.median(init) },
						new double[] { Env.p90(register), Env.p90(next), Env.p90(init) }));
			}
		}
		double target = 1.5 * Env.median(values(results, "plain", 2, Launch::firstNextMs));
		Env.write(Charts.docs().resolve("performance-coldstart.svg"),
				Charts.bars("Cold start: sample layer vs plain JDK-only extension vs no extension (median, whisker = p90)",
						"ms from process start", new String[] { "register", "first next", "Init as the function sees it" }, rows,
						target, "1.5 × plain, 2 CPUs (target)"));
	}

	private static List<Double> values(List<Launch> results, String id, int cpus, ToDoubleFunction<Launch> value) {
		return results.stream()
			.filter((launch) -> launch.target().id().equals(id) && launch.cpus() == cpus)
			.map(value::applyAsDouble)
			.filter((number) -> !Double.isNaN(number))
			.toList();
	}

	private static String medianP90(List<Double> values) {
		return Env.fmt(Env.median(values)) + " / " + Env.fmt(Env.p90(values));
	}

	private static Path defaultJdk() {
		Path temurin25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
		return Files.isRegularFile(temurin25.resolve("bin/java")) ? temurin25 : Path.of(System.getProperty("java.home"));
	}

	private static String loadAverage() {
		List<String> lines = Env.readLines(Path.of("/proc/loadavg"));
		return lines.isEmpty() ? "?" : String.join(" ", List.of(lines.get(0).split(" ")).subList(0, 3));
	}

	private static double ms(Duration duration) {
		return (duration != null) ? duration.toNanos() / 1_000_000.0 : Double.NaN;
	}

	private static String mb(long bytes) {
		return String.format(Locale.ROOT, "%.2f MB (%.1f MiB)", bytes / 1e6, bytes / 1048576.0);
	}

	private static String kb(long bytes) {
		return String.format(Locale.ROOT, "%d KB", bytes / 1000);
	}

}
