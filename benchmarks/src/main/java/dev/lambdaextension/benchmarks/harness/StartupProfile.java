package dev.lambdaextension.benchmarks.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.lambdaextension.benchmarks.harness.Layers.App;
import dev.lambdaextension.test.launcher.ExtensionReport;
import dev.lambdaextension.test.launcher.LambdaSession;

/**
 * Where start-up time goes: one launch per application and JDK with
 * {@code -Xlog:class+load:file=...:uptime}; reports when milestone classes load (JVM uptime)
 * and how many classes were loaded by then, and the classes by origin (CDS archive, JDK
 * runtime image, jars) and by library.
 */
final class StartupProfile {

	private static final Pattern LINE = Pattern.compile("^\\[(\\d+\\.\\d+)s\\]\\s+(\\S+) source: (.*)$");

	private static final String[][] MILESTONES = {
			{ "org.springframework.boot.SpringApplication", "SpringApplication loaded" },
			{ "dev.lambdaextension.autoconfigure.LambdaExtensionRunListener", "run listener (environment about to be prepared)" },
			{ "dev.lambdaextension.client.DefaultExtensionsApiClient", "register request about to leave" },
			{ "dev.lambdaextension.client.RegisterResponse", "register response being read" },
			{ "org.springframework.context.annotation.ConfigurationClassPostProcessor", "context refresh: configuration classes" },
			{ "dev.lambdaextension.autoconfigure.LambdaTelemetryAutoConfiguration", "telemetry auto-configuration" },
			{ "dev.lambdaextension.telemetry.receiver.TelemetryReceiver", "telemetry receiver bean" },
			{ "dev.lambdaextension.lifecycle.ExtensionEventLoop", "event loop bean" },
			{ "dev.lambdaextension.client.SubscriptionOutcome", "subscription request" },
			{ "dev.lambdaextension.lifecycle.ExtensionRegisteredEvent", "loop started: registered event" },
	};

	private StartupProfile() {
	}

	static void run(Map<String, String> options) throws Exception {
		List<String> apps = List.of(options.getOrDefault("apps", "plain,minimal,sample").split(","));
		StringBuilder out = new StringBuilder();
		for (Map.Entry<String, Path> jdk : Env.jdks(options.get("jdks")).entrySet()) {
			for (String appName : apps) {
				App app = switch (appName) {
					case "sample" -> App.sample();
					case "plain" -> App.plainJava();
					default -> App.minimal();
				};
				String name = appName + "-profile-jdk" + jdk.getKey();
				Path layer = Layers.create(app, name, false);
				Path log = Env.results().resolve("classload-" + name + ".log");
				Files.deleteIfExists(log);
				Map<String, String> environment = new LinkedHashMap<>();
				environment.put("LAMBDA_EXTENSION_JAVA_OPTS", "-Xlog:class+load:file=" + log + ":uptime");
				ExtensionReport report;
				try (LambdaSession session = Layers.session(layer, jdk.getValue(), environment, false)) {
					report = session.init().get(0);
					session.shutdown("spindown", Duration.ofSeconds(2));
				}
				out.append(analyse(jdk.getKey(), appName, log, report));
			}
		}
		System.out.println(out);
		Env.write(Env.results().resolve("startup-profile.md"), out.toString());
	}

	private static String analyse(String jdk, String app, Path log, ExtensionReport report) {
		List<String> lines = Env.readLines(log);
		Map<String, Integer> origins = new LinkedHashMap<>();
		Map<String, Integer> libraries = new LinkedHashMap<>();
		Map<String, double[]> milestones = new LinkedHashMap<>();
		int count = 0;
		double last = 0;
		for (String line : lines) {
			Matcher matcher = LINE.matcher(line);
			if (!matcher.matches()) {
				continue;
			}
			count++;
			double uptime = Double.parseDouble(matcher.group(1)) * 1000;
			last = uptime;
			String cls = matcher.group(2);
			String source = matcher.group(3);
			String origin = source.contains("shared") ? "CDS/AOT archive" : source.startsWith("jrt:") ? "JDK image (not archived)"
					: source.contains(".jar") ? "application jars" : "generated/other";
			origins.merge(origin, 1, Integer::sum);
			libraries.merge(library(cls), 1, Integer::sum);
			for (String[] milestone : MILESTONES) {
				if (cls.equals(milestone[0])) {
					milestones.putIfAbsent(milestone[1], new double[] { uptime, count });
				}
			}
		}
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "%n#### %s on JDK %s (launcher flags; emulator: register %.0f ms, subscription %s ms, first next %.0f ms from process start)%n%n",
				app, jdk, ms(report.registered()), report.telemetrySubscribed() != null ? String.format(Locale.ROOT, "%.0f", ms(report.telemetrySubscribed())) : "-",
				ms(report.firstNext())));
		out.append("| milestone (first class load) | JVM uptime (ms) | classes loaded so far |\n|---|---:|---:|\n");
		milestones.forEach((label, value) -> out.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f |%n", label, value[0], value[1])));
		out.append(String.format(Locale.ROOT, "| last class loaded (until SHUTDOWN) | %.0f | %d |%n%n", last, count));
		out.append("Classes by origin: ").append(origins).append("  \nBy library: ").append(top(libraries)).append('\n');
		return out.toString();
	}

	private static String top(Map<String, Integer> map) {
		return map.entrySet()
			.stream()
			.sorted((a, b) -> b.getValue() - a.getValue())
			.map((e) -> e.getKey() + " " + e.getValue())
			.reduce((a, b) -> a + ", " + b)
			.orElse("");
	}

	private static String library(String cls) {
		String[][] prefixes = { { "java.", "JDK" }, { "javax.", "JDK" }, { "jdk.", "JDK" }, { "sun.", "JDK" },
				{ "com.sun.", "JDK" }, { "org.springframework.boot.", "Spring Boot" }, { "org.springframework.", "Spring Framework" },
				{ "tools.jackson.", "Jackson 3" }, { "com.fasterxml.", "Jackson annotations" }, { "ch.qos.logback.", "Logback" },
				{ "org.slf4j.", "SLF4J" }, { "org.apache.logging.", "Log4j API" }, { "org.yaml.", "SnakeYAML" },
				{ "io.micrometer.", "Micrometer" }, { "dev.lambdaextension.", "lambda-extension" } };
		for (String[] prefix : prefixes) {
			if (cls.startsWith(prefix[0])) {
				return prefix[1];
			}
		}
		return "other";
	}

	private static double ms(Duration duration) {
		return (duration != null) ? duration.toNanos() / 1e6 : Double.NaN;
	}

}
