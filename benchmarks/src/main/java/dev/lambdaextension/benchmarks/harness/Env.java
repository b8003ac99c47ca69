package dev.lambdaextension.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Paths, JDKs, /proc sampling, statistics and result files shared by the harnesses.
 */
final class Env {

	private Env() {
	}

	/** {@code benchmarks/target}, the directory holding benchmarks.jar. */
	static Path target() {
		try {
			Path location = Path.of(Env.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			// target/benchmarks.jar or target/classes
			return location.getParent().toAbsolutePath().normalize();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Path projectRoot() {
		return target().getParent().getParent();
	}

	static Path results() {
		Path results = target().resolve("results");
		try {
			Files.createDirectories(results);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return results;
	}

	/**
	 * JDKs to run extensions on, from {@code --jdks 17=/path,25=/path}; default: the harness's own JDK.
	 */
	static Map<String, Path> jdks(String spec) {
		Map<String, Path> jdks = new LinkedHashMap<>();
		if (spec == null || spec.isBlank()) {
			jdks.put(String.valueOf(Runtime.version().feature()), Path.of(System.getProperty("java.home")));
			return jdks;
		}
		for (String entry : spec.split(",")) {
			String[] parts = entry.split("=", 2);
			jdks.put(parts[0].trim(), Path.of(parts[1].trim()));
		}
		return jdks;
	}

	static String javaVersion(Path javaHome) {
		String out = run(List.of(javaHome.resolve("bin/java").toString(), "-version"));
		return out.lines().skip(1).findFirst().orElse(out).trim();
	}

	/** VmHWM and VmRSS of a process, in KiB; -1 when unreadable. */
	static long[] memoryKb(long pid) {
		long hwm = -1;
		long rss = -1;
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith("VmHWM:")) {
					hwm = kb(line);
				}
				else if (line.startsWith("VmRSS:")) {
					rss = kb(line);
				}
			}
		}
		catch (IOException ex) {
			// process gone
		}
		return new long[] { hwm, rss };
	}

	private static long kb(String line) {
		return Long.parseLong(line.replaceAll("[^0-9]", ""));
	}

	static String run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.waitFor(60, TimeUnit.SECONDS);
			return out;
		}
		catch (IOException ex) {
			return "<" + ex.getMessage() + ">";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "<interrupted>";
		}
	}

	static double percentile(double[] sorted, double p) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		// nearest-rank
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

	static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int mid = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
	}

	static double p90(List<Double> values) {
		return percentile(values.stream().mapToDouble(Double::doubleValue).sorted().toArray(), 90);
	}

	static void write(Path file, String text) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		System.out.println("wrote " + file);
	}

	static List<String> readLines(Path file) {
		try {
			return Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String fmt(double value) {
		return Double.isNaN(value) ? "-" : String.format(java.util.Locale.ROOT, "%.1f", value);
	}

	static String fmt3(double value) {
		return Double.isNaN(value) ? "-" : String.format(java.util.Locale.ROOT, "%.3f", value);
	}

	/** Parse {@code --key value} options. */
	static Map<String, String> options(String[] args, int from) {
		Map<String, String> options = new LinkedHashMap<>();
		List<String> list = new ArrayList<>(Arrays.asList(args).subList(from, args.length));
		for (int i = 0; i < list.size(); i++) {
			String arg = list.get(i);
			if (arg.startsWith("--")) {
				String value = (i + 1 < list.size() && !list.get(i + 1).startsWith("--")) ? list.get(++i) : "true";
				options.put(arg.substring(2), value);
			}
		}
		return options;
	}

}
