package dev.lambdaextension.test.launcher;

import java.time.Duration;
import java.util.List;

import dev.lambdaextension.test.emulator.EmulatedExtensionState;
import org.jspecify.annotations.Nullable;

/**
 * What happened to one launched extension, with durations measured from its process start.
 *
 * @param name the extension name
 * @param state the emulator's state for the extension, or {@code null} if it never registered
 * @param registered time until {@code register} was received, or {@code null}
 * @param telemetrySubscribed time until the Telemetry API subscription was received, or {@code null}
 * @param firstNext time until the first {@code next} was received, or {@code null}
 * @param exitCode the exit code, or {@code null} if still running
 * @param exited time until the process exit was observed, or {@code null}
 * @param killed whether the launcher killed the process
 * @param crashed whether the process exited while not shutting down ({@code Extension.Crash})
 * @param output the captured output lines
 * @since 0.1.0
 */
public record ExtensionReport(String name, @Nullable EmulatedExtensionState state, @Nullable Duration registered,
		@Nullable Duration telemetrySubscribed, @Nullable Duration firstNext, @Nullable Integer exitCode,
		@Nullable Duration exited, boolean killed, boolean crashed, List<String> output) {

	/**
	 * Return whether the extension exited by itself with code 0.
	 * @return whether the extension shut down cleanly
	 */
	public boolean exitedCleanly() {
		return !this.killed && !this.crashed && this.exitCode != null && this.exitCode == 0;
	}

}
