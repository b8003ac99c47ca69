package dev.lambdaextension.test.emulator;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Snapshot of one extension registered with the emulator.
 *
 * @param name the registered name
 * @param id the identifier handed out at registration
 * @param events the subscribed lifecycle events ({@code INVOKE}, {@code SHUTDOWN})
 * @param external whether the extension is treated as external (may receive SHUTDOWN)
 * @param state the current state
 * @param parked whether a {@code next} call is currently parked
 * @param nextCount how many {@code next} calls were accepted
 * @param invokeCount how many INVOKE events were delivered
 * @param shutdownReceived whether the SHUTDOWN event was delivered
 * @param registeredAt registration time
 * @param registeredNanos registration time as {@link System#nanoTime()}
 * @param firstNextAt time of the first {@code next}, or {@code null}
 * @param firstNextNanos time of the first {@code next} as {@link System#nanoTime()}, or {@code null}
 * @param telemetrySubscribedNanos time of the Telemetry API (or Logs API) subscription as {@link System#nanoTime()}, or {@code null}
 * @param initErrorType error type sent with {@code init/error}, or {@code null}
 * @param initErrorBody body sent with {@code init/error}, or {@code null}
 * @param exitErrorType error type sent with {@code exit/error}, or {@code null}
 * @param exitErrorBody body sent with {@code exit/error}, or {@code null}
 * @param exitCode exit code of the extension process, when known
 * @since 0.1.0
 */
public record EmulatedExtension(String name, String id, List<String> events, boolean external, EmulatedExtensionState state,
		boolean parked, int nextCount, int invokeCount, boolean shutdownReceived, Instant registeredAt,
		long registeredNanos, @Nullable Instant firstNextAt, @Nullable Long firstNextNanos,
		@Nullable Long telemetrySubscribedNanos, @Nullable String initErrorType, @Nullable String initErrorBody,
		@Nullable String exitErrorType, @Nullable String exitErrorBody, @Nullable Integer exitCode) {

	/**
	 * Return whether the extension subscribed to an event type.
	 * @param eventType {@code INVOKE} or {@code SHUTDOWN}
	 * @return whether subscribed
	 */
	public boolean subscribedTo(String eventType) {
		return this.events.contains(eventType);
	}

}
