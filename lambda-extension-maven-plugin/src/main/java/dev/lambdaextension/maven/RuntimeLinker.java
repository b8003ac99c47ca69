package dev.lambdaextension.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Links a trimmed Java runtime with the {@code jlink} of a JDK: only the given modules, no
 * debug information, no man pages, no header files.
 *
 * @since 0.1.0
 */
public final class RuntimeLinker {

	/**
	 * Modules a Spring Boot extension built on this starter needs: the JDK HTTP client and server,
	 * logging, JMX (Spring Boot's admin and Logback look for it), {@code java.beans} (in
	 * {@code java.desktop}, used by Spring Boot's binder), naming, XML and SQL types that Spring's
	 * core refers to, and {@code jdk.unsupported} for {@code sun.misc.Unsafe}.
	 */
	public static final List<String> DEFAULT_MODULES = List.of("java.base", "java.desktop", "java.logging", "java.management",
			"java.naming", "java.net.http", "java.sql", "java.xml", "jdk.httpserver", "jdk.unsupported",
			"jdk.crypto.ec");

	private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"?(\\d+)", Pattern.MULTILINE);

	private static final long TIMEOUT_MINUTES = 5;

	private final Path jdkHome;

	/**
	 * Creates a linker for the JDK at the given home.
	 * @param jdkHome a JDK home directory holding {@code bin/jlink} and a {@code release} file
	 */
	public RuntimeLinker(Path jdkHome) {
		this.jdkHome = jdkHome;
	}

	/**
	 * Returns the feature version of the JDK, read from its {@code release} file.
	 * @return the feature version, such as 17 or 25
	 * @throws IOException if the JDK home has no readable {@code release} file naming a version
	 */
	public int javaVersion() throws IOException {
		String release = Files.readString(this.jdkHome.resolve("release"), StandardCharsets.UTF_8);
		Matcher matcher = JAVA_VERSION.matcher(release);
		if (!matcher.find()) {
			throw new IOException("No JAVA_VERSION in " + this.jdkHome.resolve("release"));
		}
		return Integer.parseInt(matcher.group(1));
	}

	/**
	 * Builds the {@code jlink} command line.
	 * @param modules the modules to add
	 * @param output the runtime directory to create; it must not exist
	 * @return the command
	 * @throws IOException if the JDK's version cannot be read
	 */
	public List<String> command(List<String> modules, Path output) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(this.jdkHome.resolve("bin/jlink").toString());
		command.add("--add-modules");
		command.add(String.join(",", modules));
		command.add("--strip-debug");
		command.add("--no-man-pages");
		command.add("--no-header-files");
		command.add((javaVersion() >= 21) ? "--compress=zip-6" : "--compress=2");
		command.add("--output");
		command.add(output.toString());
		return command;
	}

	/**
	 * Links the runtime.
	 * @param modules the modules to add
	 * @param output the runtime directory to create; it must not exist
	 * @throws IOException if jlink cannot be started, fails or takes too long
	 */
	public void link(List<String> modules, Path output) throws IOException {
		Path log = Files.createTempFile("jlink", ".log");
		try {
			Process process = new ProcessBuilder(command(modules, output)).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IOException("jlink took longer than " + TIMEOUT_MINUTES + " minutes");
			}
			if (process.exitValue() != 0) {
				throw new IOException("jlink failed (exit " + process.exitValue() + "): " + Files.readString(log));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while waiting for jlink", ex);
		}
		finally {
			Files.deleteIfExists(log);
		}
	}

}
