package dev.lambdaextension.test.launcher;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.lambdaextension.test.emulator.LambdaEmulator;

/**
 * The extension processes of a {@link LambdaSession} and how each ended: killed by the session, or crashed
 * (exited on its own before shutdown). Every exit is recorded in the emulator.
 */
final class LaunchedProcesses {

	private final LambdaEmulator emulator;

	private final Map<String, LaunchedExtension> launched = new LinkedHashMap<>();

	private final Set<String> killed = ConcurrentHashMap.newKeySet();

	private final Set<String> crashed = ConcurrentHashMap.newKeySet();

	private volatile boolean shuttingDown;

	LaunchedProcesses(LambdaEmulator emulator) {
		this.emulator = emulator;
	}

	void add(LaunchedExtension extension) {
		synchronized (this.launched) {
			this.launched.put(extension.name(), extension);
		}
		extension.process().onExit().thenRun(() -> onExit(extension));
	}

	private void onExit(LaunchedExtension extension) {
		boolean wasKilled = this.killed.contains(extension.name());
		if (!this.shuttingDown && !wasKilled) {
			this.crashed.add(extension.name());
		}
		this.emulator.recordProcessExit(extension.name(), extension.process().exitValue(), wasKilled);
	}

	List<LaunchedExtension> all() {
		synchronized (this.launched) {
			return List.copyOf(this.launched.values());
		}
	}

	/**
	 * From now on, a process that exits has not crashed.
	 */
	void shuttingDown() {
		this.shuttingDown = true;
	}

	void kill(LaunchedExtension extension, String why, Consumer<String> output) {
		this.killed.add(extension.name());
		output.accept("SHUTDOWN: killing " + extension.name() + " (" + why + ")");
		extension.kill();
	}

	void killAll() {
		shuttingDown();
		for (LaunchedExtension extension : all()) {
			if (extension.process().isAlive()) {
				this.killed.add(extension.name());
				extension.kill();
				extension.awaitExit(Duration.ofSeconds(5));
			}
		}
	}

	boolean anyCrashed() {
		return !this.crashed.isEmpty();
	}

	String crashedNames() {
		return String.join(", ", this.crashed);
	}

	boolean killed(String name) {
		return this.killed.contains(name);
	}

	boolean crashed(String name) {
		return this.crashed.contains(name);
	}

}
