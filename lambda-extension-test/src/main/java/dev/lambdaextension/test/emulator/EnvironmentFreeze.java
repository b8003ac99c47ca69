package dev.lambdaextension.test.emulator;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Freeze and thaw of the emulated execution environment. Once a phase is over (every participant called
 * {@code next}) the environment is frozen: telemetry is still produced but no batch reaches a listener. The
 * environment thaws only after the next event (INVOKE or SHUTDOWN) has been handed out to every recipient that
 * was parked in {@code next}, so a listener sees, for instance, the {@code platform.report} of invocation N only
 * after INVOKE N+1 or SHUTDOWN was answered.
 */
final class EnvironmentFreeze {

	private final EmulatedTelemetryApi telemetry;

	private final Set<String> awaitingHandOut = new HashSet<>();

	private boolean frozen;

	private boolean thawPending;

	private boolean thawImmediately;

	EnvironmentFreeze(EmulatedTelemetryApi telemetry) {
		this.telemetry = telemetry;
	}

	synchronized void freeze() {
		this.awaitingHandOut.clear();
		this.thawPending = false;
		if (!this.frozen) {
			this.frozen = true;
			this.telemetry.hold();
		}
	}

	/**
	 * Thaw once every recipient has been handed its event.
	 * @param recipients ids of the extensions parked in {@code next} that receive the event
	 * @param immediately whether held telemetry is sent right after the thaw (an invoke) or in a new batch
	 * window (shutdown)
	 */
	synchronized void thawAfterHandOut(Collection<String> recipients, boolean immediately) {
		if (!this.frozen) {
			return;
		}
		this.thawImmediately = immediately;
		if (recipients.isEmpty()) {
			thaw();
			return;
		}
		this.awaitingHandOut.clear();
		this.awaitingHandOut.addAll(recipients);
		this.thawPending = true;
	}

	/**
	 * Record that an event was written to an extension's {@code next} connection.
	 * @param extensionId the extension
	 */
	synchronized void handedOut(String extensionId) {
		if (this.thawPending && this.awaitingHandOut.remove(extensionId) && this.awaitingHandOut.isEmpty()) {
			thaw();
		}
	}

	/**
	 * Forget a recipient that can no longer take its event (it exited or failed).
	 * @param extensionId the extension
	 */
	synchronized void recipientGone(String extensionId) {
		handedOut(extensionId);
	}

	synchronized boolean isFrozen() {
		return this.frozen;
	}

	private void thaw() {
		this.thawPending = false;
		this.frozen = false;
		this.telemetry.release(this.thawImmediately);
	}

}
