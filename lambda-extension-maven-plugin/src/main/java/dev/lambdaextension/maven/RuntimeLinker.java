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
 * debug information, no man pages, no header files, no command-line tools but {@code java},
 * and unless asked for, none of {@code java.desktop}'s native libraries (AWT, fonts, imaging,
 * sound: the module stays for {@code java.beans}). Every module but {@code java.base} is
 * compressed in {@code lib/modules}: few of their classes load at start-up, and those come
 * from the start-up cache; {@code java.base} stays uncompressed, so that the layer's zip
 * compresses it better than jlink would (docs/performance.md has the measurements).
 *
 * @since 0.1.0
 */
public final class RuntimeLinker {

	/**
	 * Modules a Spring Boot extension built on this starter needs, each for a reason seen in the
	 * classes a start-up loads: {@code java.desktop} for {@code java.beans} (Spring's bean
	 * wrapper and property editors; it brings {@code java.xml}, whose SAX types Spring's editors
	 * name), {@code java.logging} (Spring Boot's logging bridge and JUL),
	 * {@code java.management} (Spring Boot reads the JVM's uptime from it), {@code java.naming}
	 * (Spring probes for JNDI), {@code java.sql} (Spring's and Jackson's date types),
	 * {@code jdk.unsupported} ({@code sun.misc.Unsafe}, for libraries that look for it),
	 * {@code java.net.http} (the JDK HTTP client, which an extension forwarding telemetry uses
	 * and Spring's {@code RestClient} picks when no other client is present) and
	 * {@code jdk.crypto.ec} (elliptic-curve TLS on Java 17; an empty module on Java 22+).
	 */
	public static final List<String> DEFAULT_MODULES = List.of("java.base", "java.desktop", "java.logging", "java.management",
			"java.naming", "java.net.http", "java.sql", "java.xml", "jdk.unsupported", "jdk.crypto.ec");

	/** Modules compressed in {@code lib/modules}: all but {@code java.base}. */
	static final String COMPRESSED = "regex:/(?!java\\.base/).*";

	/** Files left out: command-line tools other than {@code java}. */
	static final String TOOLS = "regex:/[^/]+/bin/(?!java$).*";

	/** Files left out unless asked for: {@code java.desktop}'s native libraries and font configuration. */
	static final String DESKTOP_FILES = "glob:/java.desktop/**";

	private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"?(\\d+)", Pattern.MULTILINE);

	private static final long TIMEOUT_MINUTES = 5;

	private final Path jdkHome;

	private final boolean desktopLibraries;

	/**
	 * Creates a linker for the JDK at the given home that leaves out {@code java.desktop}'s
	 * native libraries.
	 * @param jdkHome a JDK home directory holding {@code bin/jlink} and a {@code release} file
	 */
	public RuntimeLinker(Path jdkHome) {
		this(jdkHome, false);
	}

	/**
	 * Creates a linker for the JDK at the given home.
	 * @param jdkHome a JDK home directory holding {@code bin/jlink} and a {@code release} file
	 * @param desktopLibraries whether to keep {@code java.desktop}'s native libraries, for an
	 * extension that draws images or uses fonts
	 */
	public RuntimeLinker(Path jdkHome, boolean desktopLibraries) {
		this.jdkHome = jdkHome;
		this.desktopLibraries = desktopLibraries;
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
		command.add(((javaVersion() >= 21) ? "--compress=zip-6" : "--compress=2") + ":filter=" + COMPRESSED);
		command.add("--exclude-files=" + (this.desktopLibraries ? TOOLS : TOOLS + "," + DESKTOP_FILES));
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
