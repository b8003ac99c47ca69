package dev.lambdaextension.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Computes the JDK modules an application needs with {@code jdeps --print-module-deps}. jdeps
 * sees only static references: modules reached by reflection or service loading (a TLS
 * provider, JNDI, JMX looked up by name) are missed, so the result is a starting point that
 * {@code extraModules} completes.
 *
 * @since 0.1.0
 */
final class ModuleDependencies {

	private static final long TIMEOUT_MINUTES = 5;

	private final Path jdkHome;

	ModuleDependencies(Path jdkHome) {
		this.jdkHome = jdkHome;
	}

	List<String> compute(Path jar, List<Path> classPath, int javaVersion) throws IOException {
		List<String> command = new ArrayList<>(List.of(this.jdkHome.resolve("bin/jdeps").toString(),
				"--print-module-deps", "--ignore-missing-deps", "--multi-release", String.valueOf(javaVersion)));
		if (!classPath.isEmpty()) {
			command.add("--class-path");
			command.add(String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()));
		}
		command.add(jar.toString());
		Path log = Files.createTempFile("jdeps", ".log");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IOException("jdeps took longer than " + TIMEOUT_MINUTES + " minutes");
			}
			List<String> lines = Files.readAllLines(log);
			if (process.exitValue() != 0 || lines.isEmpty()) {
				throw new IOException("jdeps failed (exit " + process.exitValue() + "): " + String.join("\n", lines));
			}
			return Arrays.stream(lines.get(lines.size() - 1).trim().split(",")).map(String::trim).toList();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while waiting for jdeps", ex);
		}
		finally {
			Files.deleteIfExists(log);
		}
	}

}
