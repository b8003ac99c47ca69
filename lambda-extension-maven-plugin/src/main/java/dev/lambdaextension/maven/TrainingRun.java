package dev.lambdaextension.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

import dev.lambdaextension.test.emulator.InvokeRequest;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.launcher.LambdaSession;
import dev.lambdaextension.test.launcher.LambdaSessionException;
import dev.lambdaextension.test.launcher.ShutdownReport;

/**
 * Records the layer's start-up cache (a JDK 25 AOT cache) by running the extension from the
 * staged layer, through its own launcher and bundled runtime, against the embedded Lambda
 * emulator: Init (register, telemetry subscription), one invocation with a function log, and
 * SHUTDOWN. The JVM writes the cache when the extension exits. The cache then gets the layer's
 * entry time, as the class-path jars it was recorded against already carry.
 *
 * @since 0.1.0
 */
public final class TrainingRun {

	/** Lowest Java feature version whose runtime can record a cache this way ({@code -XX:AOTCacheOutput}). */
	public static final int MINIMUM_JAVA_VERSION = 25;

	private static final int INVOCATIONS = 1;

	/** Lines of the run kept for the failure message: the extension's exception and what led to it. */
	private static final int LAST_LINES = 30;

	private static final Duration INIT_TIMEOUT = Duration.ofMinutes(2);

	private static final Duration INVOKE_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration SHUTDOWN_BUDGET = Duration.ofMinutes(2);

	private final Path layer;

	private final String name;

	private final Consumer<String> output;

	/**
	 * Creates a training run for a staged layer.
	 * @param layer the directory laid out as Lambda extracts the layer to {@code /opt}
	 * @param name the extension name: {@code extensions/<name>} is its launcher
	 * @param output receives the transcript and the extension's output, line by line
	 */
	public TrainingRun(Path layer, String name, Consumer<String> output) {
		this.layer = layer;
		this.name = name;
		this.output = output;
	}

	/**
	 * Runs the extension and returns the cache it recorded, at {@code <name>/<name>.aot}.
	 * @param entryTime the time the cache file is given
	 * @return the cache file
	 * @throws IOException if the extension fails, does not exit cleanly or records no cache
	 */
	public Path record(Instant entryTime) throws IOException {
		Path cache = this.layer.resolve(this.name).resolve(this.name + ".aot");
		Files.deleteIfExists(cache);
		Deque<String> lastLines = new ArrayDeque<>();
		try (LambdaSession session = LambdaSession.builder()
			.extensionsDir(this.layer.resolve("extensions"))
			.emulator(LambdaEmulator.builder().initTimeout(INIT_TIMEOUT))
			.environment("LAMBDA_EXTENSION_CDS", "record")
			.environment("LAMBDA_EXTENSION_CDS_ARCHIVE", cache.toString())
			.output((line) -> {
				this.output.accept(line);
				remember(lastLines, line);
			})
			.build()) {
			session.init();
			for (int i = 1; i <= INVOCATIONS; i++) {
				session.invokeAndAwait(InvokeRequest.builder().log("training invocation " + i).build(), INVOKE_TIMEOUT);
			}
			ShutdownReport report = session.shutdown("spindown", SHUTDOWN_BUDGET);
			if (!report.clean()) {
				throw new IOException("The training run did not end cleanly: " + report.extensions());
			}
		}
		catch (LambdaSessionException ex) {
			throw new IOException("The training run failed: " + ex.getMessage() + "; its last lines:\n"
					+ String.join("\n", snapshot(lastLines)), ex);
		}
		if (!Files.isRegularFile(cache)) {
			throw new IOException("The training run recorded no start-up cache at " + cache);
		}
		Files.setLastModifiedTime(cache, FileTime.from(entryTime));
		return cache;
	}

	private static void remember(Deque<String> lines, String line) {
		synchronized (lines) {
			lines.addLast(line);
			if (lines.size() > LAST_LINES) {
				lines.removeFirst();
			}
		}
	}

	private static List<String> snapshot(Deque<String> lines) {
		synchronized (lines) {
			return List.copyOf(lines);
		}
	}

}
