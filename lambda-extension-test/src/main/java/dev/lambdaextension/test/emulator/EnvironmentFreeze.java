package dev.lambdaextension.test.emulator;

import java.util.HashMap;
import java.util.Map;

/**
 * Freeze and thaw of the emulated execution environment. Once a phase is over (every participant called
 * {@code next}) the environment is frozen: telemetry is still produced but no batch reaches a listener. The
 * environment thaws only after the next event (INVOKE or SHUTDOWN) has been handed out to every recipient that
 * was parked in {@code next}, so a listener sees, for instance, the {@code platform.report} of invocation N only
 * after INVOKE N+1 or SHUTDOWN was answered.
 */
final class EnvironmentFreeze {

	private final EmulatedTelemetryApi telemetry;

	private final Map<String, PendingEvent> awaitingHandOut = new HashMap<>();

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
	 * @param recipients the event each receiving extension will be handed, by extension id; only the hand-out of
	 * that very event counts, not the late bookkeeping of an earlier one
	 * @param immediately whether held telemetry is sent right after the thaw (an invoke) or in a new batch
	 * window (shutdown)
	 */
	synchronized void thawAfterHandOut(Map<String, PendingEvent> recipients, boolean immediately) {
		if (!this.frozen) {
			return;
		}
		this.thawImmediately = immediately;
		if (recipients.isEmpty()) {
			thaw();
			return;
		}
		this.awaitingHandOut.clear();
		this.awaitingHandOut.putAll(recipients);
		this.thawPending = true;
	}

	/**
	 * Record that an event was written to an extension's {@code next} connection.
	 * @param extensionId the extension
	 * @param event the event written
	 */
	synchronized void handedOut(String extensionId, PendingEvent event) {
		if (this.awaitingHandOut.get(extensionId) == event) {
			stopAwaiting(extensionId);
		}
	}

	/**
	 * Forget a recipient that can no longer take its event (it exited or failed).
	 * @param extensionId the extension
	 */
	synchronized void recipientGone(String extensionId) {
		stopAwaiting(extensionId);
	}

	private void stopAwaiting(String extensionId) {
		if (this.thawPending && this.awaitingHandOut.remove(extensionId) != null && this.awaitingHandOut.isEmpty()) {
			thaw();
		}
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
