package dev.lambdaextension.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.launcher.LambdaSession;

/**
 * Builds one single-extension layer directory per variant and JDK under
 * {@code target/bench-layers}, laid out as the sample's layer ({@code extensions/<name>} and
 * {@code <name>/<name>.jar} with {@code lib/}), with symbolic links to the packaged jars.
 */
final class Layers {

	/** The sample launcher's flags, with the CDS part left out (JDK-independent part). */
	static final List<String> LAUNCHER_FLAGS_NO_CDS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
			"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-XX:MaxRAMPercentage=25");

	private Layers() {
	}

	/** An application: a directory with {@code <jar>} and possibly {@code lib/}. */
	record App(String label, Path dir, String jar, Path launcher) {

		static App minimal() {
			Path layer = Env.target().resolve("minimal-extension-layer");
			return new App("minimal", layer.resolve("minimal-extension"), "minimal-extension.jar",
					layer.resolve("extensions/minimal-extension"));
		}

		static App actuator() {
			Path layer = Env.target().resolve("actuator-extension-layer");
			return new App("actuator", layer.resolve("actuator-extension"), "actuator-extension.jar",
					layer.resolve("extensions/actuator-extension"));
		}

		static App plainJava() {
			Path layer = Env.target().resolve("plain-java-extension-layer");
			return new App("plain-java", layer.resolve("plain-java-extension"), "plain-java-extension.jar",
					layer.resolve("extensions/plain-java-extension"));
		}

		static App sample() {
			Path layer = Env.projectRoot().resolve("sample-app/target/invocation-reporter-layer");
			return new App("sample", layer.resolve("invocation-reporter"), "invocation-reporter.jar",
					layer.resolve("extensions/invocation-reporter"));
		}

		void check() {
			if (!Files.isRegularFile(this.dir.resolve(this.jar)) || !Files.isRegularFile(this.launcher)) {
				throw new IllegalStateException("Missing " + this.dir.resolve(this.jar) + " or " + this.launcher
						+ ": build first with ./mvnw -B -q -DskipTests package");
			}
		}

	}

	/**
	 * Create (or recreate) a layer.
	 * @param app the application
	 * @param name the extension name (file name of the launcher)
	 * @param customFlags {@code null} to copy the application's launcher script verbatim, else
	 * a launcher that runs {@code $LAMBDA_EXTENSION_JAVA $BENCH_JVM_FLAGS -jar ...}
	 * @return the layer directory
	 */
	static Path create(App app, String name, boolean custom) {
		app.check();
		Path layer = Env.target().resolve("bench-layers").resolve(name);
		try {
			delete(layer);
			Path extensions = Files.createDirectories(layer.resolve("extensions"));
			Path appDir = Files.createDirectories(layer.resolve(name));
			Files.createSymbolicLink(appDir.resolve(name + ".jar"), app.dir().resolve(app.jar()));
			if (Files.isDirectory(app.dir().resolve("lib"))) {
				Files.createSymbolicLink(appDir.resolve("lib"), app.dir().resolve("lib"));
			}
			Path script = extensions.resolve(name);
			if (custom) {
				Files.writeString(script, """
						#!/bin/sh
						# Benchmark launcher: the JVM flags come from BENCH_JVM_FLAGS.
						set -eu
						name="$(basename "$0")"
						layer="$(cd "$(dirname "$0")/.." && pwd)"
						app="$layer/$name"
						java="${LAMBDA_EXTENSION_JAVA:-java}"
						unset JAVA_TOOL_OPTIONS _JAVA_OPTIONS JDK_JAVA_OPTIONS
						exec "$java" ${BENCH_JVM_FLAGS:-} ${LAMBDA_EXTENSION_JAVA_OPTS:-} -Dlambda.extension.name="$name" -jar "$app/$name.jar"
						""");
			}
			else {
				Files.copy(app.launcher(), script);
			}
			Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return layer;
	}

	static void delete(Path path) throws IOException {
		if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(path)) {
			for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		}
	}

	/**
	 * A session for one layer on one JDK.
	 */
	static LambdaSession session(Path layer, Path javaHome, Map<String, String> environment, boolean verbose) {
		Map<String, String> base = new HashMap<>(System.getenv());
		base.remove("JAVA_TOOL_OPTIONS");
		base.remove("LAMBDA_EXTENSION_JAVA_OPTS");
		Consumer<String> output = verbose ? System.out::println : (line) -> {
		};
		LambdaSession.Builder builder = LambdaSession.builder()
			.extensionsDir(layer.resolve("extensions"))
			.emulator(LambdaEmulator.builder().initTimeout(Duration.ofSeconds(60)))
			.baseEnvironment(base)
			.output(output)
			.environment("JAVA_HOME", javaHome.toString())
			.environment("LAMBDA_EXTENSION_JAVA", javaHome.resolve("bin/java").toString())
			.environment("LAMBDA_EXTENSION_TELEMETRY_LISTENER_BIND_ADDRESS", "127.0.0.1");
		environment.forEach(builder::environment);
		return builder.build();
	}

}
