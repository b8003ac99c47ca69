package dev.lambdaextension.test.emulator;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The emulator's mutable record of one registered extension, guarded by the emulator's
 * monitor; {@link #snapshot()} gives the immutable view tests see.
 */
final class ExtensionRecord {

	final String name;

	final String id;

	final List<String> events;

	final boolean external;

	final Instant registeredAt;

	final long registeredNanos;

	EmulatedExtensionState state = EmulatedExtensionState.REGISTERED;

	boolean parked;

	boolean nextDropped;

	int nextCount;

	int invokeCount;

	boolean shutdownReceived;

	@Nullable PendingEvent pending;

	@Nullable HandOut handingOut;

	@Nullable Instant firstNextAt;

	@Nullable Long firstNextNanos;

	@Nullable Long telemetrySubscribedNanos;

	boolean telemetrySubscribed;

	boolean logsSubscribed;

	@Nullable String initErrorType;

	@Nullable String initErrorBody;

	@Nullable String exitErrorType;

	@Nullable String exitErrorBody;

	@Nullable Integer exitCode;

	ExtensionRecord(String name, String id, List<String> events, boolean external, Instant registeredAt,
			long registeredNanos) {
		this.name = name;
		this.id = id;
		this.events = events;
		this.external = external;
		this.registeredAt = registeredAt;
		this.registeredNanos = registeredNanos;
	}

	EmulatedExtension snapshot() {
		return new EmulatedExtension(this.name, this.id, this.events, this.external, this.state, this.parked,
				this.nextCount, this.invokeCount, this.shutdownReceived, this.registeredAt, this.registeredNanos,
				this.firstNextAt, this.firstNextNanos, this.telemetrySubscribedNanos, this.initErrorType,
				this.initErrorBody, this.exitErrorType, this.exitErrorBody, this.exitCode);
	}

	/**
	 * An event taken from {@link #pending} whose answer is being written.
	 * @param extensionId the extension being answered
	 * @param extensionName its name
	 * @param event the event, compared by identity when the freeze waits for its hand-out
	 * @param sentBody the body as written, after any fault
	 */
	record HandOut(String extensionId, String extensionName, PendingEvent event, String sentBody) {
	}

}
