package dev.lambdaextension.test.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * A running (or finished) extension process with its captured output.
 *
 * @since 0.1.0
 */
public final class LaunchedExtension {

	private final String name;

	private final Process process;

	private final long startNanos;

	private final List<String> lines = new ArrayList<>();

	private final CountDownLatch outputDone = new CountDownLatch(2);

	private volatile long exitNanos;

	LaunchedExtension(String name, Process process, long startNanos, Consumer<String> output,
			LineListener lineListener) {
		this.name = name;
		this.process = process;
		this.startNanos = startNanos;
		try {
			process.getOutputStream().close();
		}
		catch (IOException ex) {
			output.accept("[" + name + "] <stdin could not be closed: " + ex.getMessage() + ">");
		}
		pump(process.getInputStream(), "stdout", output, lineListener);
		pump(process.getErrorStream(), "stderr", output, lineListener);
		process.onExit().thenRun(() -> this.exitNanos = System.nanoTime());
	}

	private void pump(InputStream stream, String kind, Consumer<String> output, LineListener lineListener) {
		Thread thread = new Thread(() -> {
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					synchronized (this.lines) {
						this.lines.add(line);
					}
					output.accept("[" + this.name + "] " + line);
					lineListener.onLine(this.name, line);
				}
			}
			catch (IOException ex) {
				output.accept("[" + this.name + "] <" + kind + " closed: " + ex.getMessage() + ">");
			}
			finally {
				this.outputDone.countDown();
			}
		}, "extension-" + this.name + "-" + kind);
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Return the extension name (the executable's file name).
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the process.
	 * @return the process
	 */
	public Process process() {
		return this.process;
	}

	/**
	 * Return when the process was started, as {@link System#nanoTime()}.
	 * @return the start time
	 */
	public long startNanos() {
		return this.startNanos;
	}

	/**
	 * Return when the process exit was observed, as {@link System#nanoTime()}.
	 * @return the exit time, or {@code null} while running
	 */
	public @Nullable Long exitNanos() {
		return this.process.isAlive() ? null : ((this.exitNanos != 0) ? this.exitNanos : System.nanoTime());
	}

	/**
	 * Return the exit code.
	 * @return the exit code, or {@code null} while running
	 */
	public @Nullable Integer exitCode() {
		return this.process.isAlive() ? null : this.process.exitValue();
	}

	/**
	 * Return the stdout and stderr lines captured so far.
	 * @return the lines
	 */
	public List<String> outputLines() {
		synchronized (this.lines) {
			return List.copyOf(this.lines);
		}
	}

	/**
	 * Wait for the process to exit.
	 * @param timeout how long to wait
	 * @return whether it exited
	 */
	public boolean awaitExit(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Wait until both output streams reached their end (after exit).
	 * @param timeout how long to wait
	 * @return whether the output is complete
	 */
	public boolean awaitOutput(Duration timeout) {
		try {
			return this.outputDone.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Kill the process and its descendants with SIGKILL.
	 */
	public void kill() {
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.destroyForcibly();
	}

	/**
	 * Callback receiving raw output lines.
	 *
	 * @since 0.1.0
	 */
	@FunctionalInterface
	public interface LineListener {

		/**
		 * Called for each output line.
		 * @param extensionName the extension name
		 * @param line the line, without terminator
		 */
		void onLine(String extensionName, String line);

	}

}
