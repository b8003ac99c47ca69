package dev.lambdaextension.test.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.lambdaextension.test.emulator.LambdaEmulator;

/**
 * A function process run against the emulator: the runtime, which polls the emulator's
 * Runtime API ({@link LambdaEmulator#runtime()}) and may carry internal extensions, such as
 * a JVM with the starter inside. It gets the environment Lambda gives the runtime, which is
 * the extensions' one plus the runtime-only variables ({@code _HANDLER},
 * {@code LAMBDA_TASK_ROOT}, {@code AWS_EXECUTION_ENV}), and is stopped as Lambda stops it:
 * {@code SIGTERM}, then {@code SIGKILL} once its grace period has passed.
 *
 * @since 0.1.0
 */
public final class FunctionProcess implements AutoCloseable {

	private final LaunchedExtension launched;

	private final Object monitor = new Object();

	private FunctionProcess(ProcessBuilder builder, Consumer<String> output) {
		long startNanos = System.nanoTime();
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the function process " + builder.command(), ex);
		}
		this.launched = new LaunchedExtension("function", process, startNanos, output, (name, line) -> {
			synchronized (this.monitor) {
				this.monitor.notifyAll();
			}
		});
	}

	/**
	 * Start a function process.
	 * @param emulator the emulator whose Runtime API it polls
	 * @param handler the value of {@code _HANDLER}, for example
	 * {@code example.Handler::handleRequest}
	 * @param command the command and its arguments
	 * @param extra additional environment variables, applied last
	 * @param output receives every output line, prefixed with {@code [function] }
	 * @return the running process
	 * @throws UncheckedIOException if the process cannot be started
	 */
	public static FunctionProcess start(LambdaEmulator emulator, String handler, List<String> command,
			Map<String, String> extra, Consumer<String> output) {
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().clear();
		builder.environment().putAll(ExtensionsLauncher.environment(System.getenv(), emulator, Map.of()));
		builder.environment().put("_HANDLER", handler);
		builder.environment().put("LAMBDA_TASK_ROOT", Path.of("").toAbsolutePath().toString());
		builder.environment().put("AWS_EXECUTION_ENV", "AWS_Lambda_java" + Runtime.version().feature());
		builder.environment().putAll(extra);
		return new FunctionProcess(builder, output);
	}

	/**
	 * Return the process.
	 * @return the process
	 */
	public Process process() {
		return this.launched.process();
	}

	/**
	 * Return the lines written so far, stdout and stderr interleaved.
	 * @return the lines
	 */
	public List<String> outputLines() {
		return this.launched.outputLines();
	}

	/**
	 * Wait until the process has written a line.
	 * @param line the whole line
	 * @param timeout how long to wait
	 * @throws LambdaSessionException if the line does not come in time
	 */
	public void awaitOutputLine(String line, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (!this.launched.outputLines().contains(line)) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					throw new LambdaSessionException("The function process did not write '" + line + "' within "
							+ timeout.toMillis() + " ms; it wrote " + this.launched.outputLines());
				}
				try {
					this.monitor.wait(Math.max(1, remaining / 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new LambdaSessionException("Interrupted while waiting for '" + line + "'", ex);
				}
			}
		}
	}

	/**
	 * Stop the process as Lambda stops the runtime: {@code SIGTERM}, then {@code SIGKILL}
	 * if it is still running after the grace period (about 500 ms in Lambda when an
	 * extension is registered). Its remaining output is read before this returns.
	 * @param grace how long it may take to stop
	 * @return the exit status: 143 for a JVM stopped by {@code SIGTERM}, 137 when it had
	 * to be killed
	 */
	public int stop(Duration grace) {
		// Process.destroy() would close the output pipes at once, losing what the process writes while it stops.
		process().toHandle().destroy();
		if (!this.launched.awaitExit(grace)) {
			this.launched.kill();
			this.launched.awaitExit(Duration.ofSeconds(5));
		}
		this.launched.awaitOutput(Duration.ofSeconds(2));
		return process().exitValue();
	}

	/**
	 * Kill the process if it still runs.
	 */
	@Override
	public void close() {
		if (process().isAlive()) {
			this.launched.kill();
		}
	}

}
