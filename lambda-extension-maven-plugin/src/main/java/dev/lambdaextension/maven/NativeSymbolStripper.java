package dev.lambdaextension.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Removes the symbol tables of a linked runtime's shared libraries with {@code strip
 * --strip-unneeded} from the build machine's PATH: about 5 MB of {@code libjvm.so} on
 * Temurin 25 (jlink's own {@code --strip-debug} keeps them). What is lost is the JVM's
 * internal function names in native crash reports and native profilers; Java stack traces are
 * unchanged.
 */
final class NativeSymbolStripper {

	private static final long TIMEOUT_SECONDS = 120;

	private final Path strip;

	private NativeSymbolStripper(Path strip) {
		this.strip = strip;
	}

	/**
	 * Finds {@code strip} on the given search path.
	 * @param searchPath a PATH value
	 * @return the stripper, or empty when no {@code strip} is there
	 */
	static Optional<NativeSymbolStripper> find(String searchPath) {
		return Stream.of(searchPath.split(File.pathSeparator))
			.filter((directory) -> !directory.isEmpty())
			.map((directory) -> Path.of(directory, "strip"))
			.filter(Files::isExecutable)
			.findFirst()
			.map(NativeSymbolStripper::new);
	}

	/**
	 * Strips every {@code .so} file under the runtime's {@code lib} directory.
	 * @param runtime a linked runtime
	 * @return the bytes saved
	 * @throws IOException if {@code strip} fails on a library
	 */
	long strip(Path runtime) throws IOException {
		List<Path> libraries;
		try (Stream<Path> files = Files.walk(runtime.resolve("lib"))) {
			libraries = files.filter((file) -> file.getFileName().toString().endsWith(".so")).sorted().toList();
		}
		long before = 0;
		long after = 0;
		for (Path library : libraries) {
			before += Files.size(library);
			run(library);
			after += Files.size(library);
		}
		return before - after;
	}

	private void run(Path library) throws IOException {
		try {
			Process process = new ProcessBuilder(this.strip.toString(), "--strip-unneeded", library.toString())
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IOException("strip took longer than " + TIMEOUT_SECONDS + " s on " + library);
			}
			if (process.exitValue() != 0) {
				throw new IOException("strip failed on " + library + " (exit " + process.exitValue() + "): " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while stripping " + library, ex);
		}
	}

}
