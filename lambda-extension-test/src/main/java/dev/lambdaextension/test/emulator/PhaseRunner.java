package dev.lambdaextension.test.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Runs the phases of the emulated environment: ends Init, starts and reports invocations, hands out SHUTDOWN
 * and unknown events, freezes and thaws the environment, and records extension process exits. Works on the
 * shared {@link EmulatorState} under its monitor.
 */
final class PhaseRunner {

	private static final double RESTORE_DURATION_MS = 120.0;

	private static final Set<String> SHUTDOWN_REASONS = Set.of("spindown", "timeout", "failure");

	private static final Set<String> MANAGED_INSTANCES_SHUTDOWN_REASONS = Set.of("spindown", "failure");

	private final EmulatorSettings settings;

	private final EmulatorState state;

	private final TelemetrySender sender;

	private final EmulatedTelemetryApi telemetry;

	private final EnvironmentFreeze freeze;

	PhaseRunner(EmulatorSettings settings, EmulatorState state, TelemetrySender sender,
			EmulatedTelemetryApi telemetry, EnvironmentFreeze freeze) {
		this.settings = settings;
		this.state = state;
		this.sender = sender;
		this.telemetry = telemetry;
		this.freeze = freeze;
	}

	void awaitInitComplete(Duration timeout) {
		this.state.awaitCondition(timeout, () -> this.state.initComplete || this.state.extensions.values()
			.stream()
			.allMatch((extension) -> extension.state != EmulatedExtensionState.REGISTERED),
				() -> "every extension to call next; " + this.state.describeExtensions());
		synchronized (this.state.monitor) {
			completeInit();
			if (this.state.initErrorType != null) {
				throw new IllegalStateException(
						"Init failed with " + this.state.initErrorType + ": " + this.state.describeExtensions());
			}
		}
	}

	void restore() {
		synchronized (this.state.monitor) {
			if (!this.settings.snapStart()) {
				throw new IllegalStateException("Restore needs a SnapStart emulator (LambdaEmulatorBuilder.snapStart)");
			}
			if (!this.state.initComplete || this.state.invocationCount > 0 || this.state.shutdownReason != null
					|| this.state.restored) {
				throw new IllegalStateException(
						"A SnapStart environment is restored once, after Init and before its first invocation");
			}
			this.state.restored = true;
			// A snapshot does not keep the network connections of the environment it was taken from; a restored
			// extension finds its parked next cut and has to call it again.
			for (ExtensionRecord extension : this.state.extensions.values()) {
				extension.nextDropped = extension.parked;
			}
			this.sender.restored(RESTORE_DURATION_MS);
			this.state.monitor.notifyAll();
		}
	}

	private void completeInit() {
		EmulatorState state = this.state;
		if (state.initComplete) {
			return;
		}
		state.initComplete = true;
		state.registrationClosed = true;
		state.initDurationMs = (System.nanoTime() - state.startNanos) / 1_000_000.0;
		for (ExtensionRecord extension : state.extensions.values()) {
			if (state.initErrorType == null) {
				state.initErrorType = initErrorType(extension.state);
			}
		}
		this.sender.initDone(state.initErrorType, state.extensions.values(), state.initDurationMs);
		this.telemetry.closeInit();
		if (!this.settings.managedInstances()) {
			this.freeze.freeze();
		}
		state.monitor.notifyAll();
	}

	private static @Nullable String initErrorType(EmulatedExtensionState state) {
		return switch (state) {
			case INIT_ERROR -> "Extension.InitError";
			case EXIT_ERROR -> "Extension.ExitError";
			case CRASHED -> "Extension.Crash";
			case LAUNCH_ERROR -> "Extension.LaunchError";
			default -> null;
		};
	}

	private void ensureInitComplete() {
		boolean initComplete;
		synchronized (this.state.monitor) {
			initComplete = this.state.initComplete;
		}
		if (!initComplete) {
			awaitInitComplete(this.settings.initTimeout());
		}
	}

	Invocation invoke(InvokeRequest request) {
		if (this.settings.managedInstances()) {
			Invocation invocation = startInvocation(request);
			invocation.complete();
			return invocation;
		}
		ensureInitComplete();
		Invocation previous;
		synchronized (this.state.monitor) {
			previous = this.state.currentInvocation;
		}
		if (previous != null) {
			this.state.awaitCondition(this.settings.functionTimeout().plusSeconds(1), previous::isSettled,
					() -> "the previous invocation " + previous.requestId() + " to finish; "
							+ this.state.describeExtensions());
		}
		synchronized (this.state.monitor) {
			this.state.requireRunning();
			this.state.invocationCount++;
			String requestId = (request.requestId() != null) ? request.requestId() : UUID.randomUUID().toString();
			Instant now = Instant.now();
			Instant deadline = Instant.ofEpochMilli(now.toEpochMilli() + this.settings.timeout(request).toMillis());
			Map<String, Object> tracing = TelemetrySender.tracing(request);
			this.sender.invocationStarted(requestId, tracing);
			String eventBody = Json.write(Json.object("eventType", "INVOKE", "deadlineMs", deadline.toEpochMilli(),
					"requestId", requestId, "invokedFunctionArn", this.settings.functionArn(), "tracing", tracing));
			Map<String, String> participants = new LinkedHashMap<>();
			for (ExtensionRecord extension : this.state.extensions.values()) {
				if (extension.events.contains("INVOKE") && !extension.state.isTerminal()) {
					participants.put(extension.id, extension.name);
				}
			}
			Invocation invocation = new Invocation(this.state, this, this.state.invocationCount, requestId, deadline,
					this.settings.functionArn(), request, System.nanoTime(), participants, now, tracing, false);
			this.state.currentInvocation = invocation;
			Map<String, PendingEvent> handOuts = new LinkedHashMap<>();
			for (ExtensionRecord extension : this.state.extensions.values()) {
				if (participants.containsKey(extension.id)) {
					extension.pending = new PendingEvent("INVOKE", eventBody);
					handOuts.put(extension.id, extension.pending);
				}
			}
			this.freeze.thawAfterHandOut(handOuts, true);
			this.state.monitor.notifyAll();
			this.sender.invocationRan(invocation);
			if (participants.isEmpty()) {
				report(invocation);
			}
			return invocation;
		}
	}

	Invocation startInvocation(InvokeRequest request) {
		if (!this.settings.managedInstances()) {
			throw new IllegalStateException("Concurrent invocations need Lambda Managed Instances mode");
		}
		ensureInitComplete();
		synchronized (this.state.monitor) {
			this.state.requireRunning();
			this.state.invocationCount++;
			String requestId = (request.requestId() != null) ? request.requestId() : UUID.randomUUID().toString();
			Instant now = Instant.now();
			Instant deadline = now.plus(this.settings.timeout(request));
			Map<String, Object> tracing = TelemetrySender.tracing(request);
			this.sender.invocationStarted(requestId, tracing);
			return new Invocation(this.state, this, this.state.invocationCount, requestId, deadline,
					this.settings.functionArn(), request, System.nanoTime(), Map.of(), now, tracing, true);
		}
	}

	void completeInvocation(Invocation invocation) {
		synchronized (this.state.monitor) {
			if (!invocation.markReported()) {
				return;
			}
			this.sender.managedInstancesInvocationCompleted(invocation);
			this.state.monitor.notifyAll();
		}
	}

	/**
	 * Record that an extension called {@code next} after the current invocation's INVOKE, and produce the
	 * report once every participant is done. Called under the monitor.
	 * @param extension the extension
	 * @param nanos when {@code next} arrived
	 */
	void extensionCalledNext(ExtensionRecord extension, long nanos) {
		Invocation invocation = this.state.currentInvocation;
		if (extension.state == EmulatedExtensionState.RUNNING && invocation != null && extension.pending == null
				&& invocation.isParticipant(extension.id)) {
			invocation.extensionDone(extension.id, nanos);
			if (invocation.isSettled()) {
				report(invocation);
			}
		}
	}

	private void report(Invocation invocation) {
		if (!invocation.markReported()) {
			return;
		}
		if (this.state.shutdownReason == null) {
			this.freeze.freeze();
		}
		this.sender.invocationReported(invocation, this.state.initDurationMs);
	}

	Instant shutdown(String reason, Duration budget) {
		String normalized = reason.toLowerCase(Locale.ROOT);
		Set<String> reasons = this.settings.managedInstances() ? MANAGED_INSTANCES_SHUTDOWN_REASONS
				: SHUTDOWN_REASONS;
		if (!reasons.contains(normalized)) {
			throw new IllegalArgumentException("'reason' must be one of " + reasons + " but was " + reason);
		}
		synchronized (this.state.monitor) {
			if (this.state.shutdownReason != null) {
				throw new IllegalStateException("Shutdown already started with reason " + this.state.shutdownReason);
			}
			Invocation unfinished = this.state.currentInvocation;
			if (!this.settings.managedInstances() && this.state.initComplete) {
				// A reset: the runtime is stopped first, which ends an unfinished invoke phase.
				this.freeze.freeze();
				if (unfinished != null) {
					report(unfinished);
				}
			}
			this.state.shutdownReason = normalized;
			this.state.registrationClosed = true;
			Instant deadline = Instant.ofEpochMilli(Instant.now().toEpochMilli() + budget.toMillis());
			String body = Json.write(Json.object("eventType", "SHUTDOWN", "shutdownReason", normalized, "deadlineMs",
					deadline.toEpochMilli()));
			Map<String, PendingEvent> recipients = new LinkedHashMap<>();
			for (ExtensionRecord extension : this.state.extensions.values()) {
				if (extension.external && extension.events.contains("SHUTDOWN") && !extension.state.isTerminal()) {
					extension.pending = new PendingEvent("SHUTDOWN", body);
					recipients.put(extension.id, extension.pending);
				}
			}
			// Unlike RIE and the spec's recipe (which flush before SHUTDOWN), the spec's §2.4 says
			// the last report reaches listeners after SHUTDOWN was handed out.
			this.freeze.thawAfterHandOut(recipients, false);
			this.state.monitor.notifyAll();
			return deadline;
		}
	}

	List<String> deliverUnknownEvent(String eventType) {
		Objects.requireNonNull(eventType, "'eventType' must not be null");
		if ("INVOKE".equals(eventType) || "SHUTDOWN".equals(eventType)) {
			throw new IllegalArgumentException("'eventType' must not be INVOKE or SHUTDOWN");
		}
		synchronized (this.state.monitor) {
			List<String> recipients = new ArrayList<>();
			String body = Json.write(Json.object("eventType", eventType, "deadlineMs",
					Instant.now().plus(this.settings.functionTimeout()).toEpochMilli()));
			for (ExtensionRecord extension : this.state.extensions.values()) {
				if (extension.state.isTerminal() || extension.shutdownReceived) {
					continue;
				}
				if (extension.pending != null) {
					throw new IllegalStateException("Extension '" + extension.name + "' still has an event waiting");
				}
				extension.pending = new PendingEvent(eventType, body);
				recipients.add(extension.name);
			}
			this.state.monitor.notifyAll();
			return List.copyOf(recipients);
		}
	}

	void recordProcessExit(String name, int exitCode, boolean killed) {
		synchronized (this.state.monitor) {
			ExtensionRecord extension = this.state.findByName(name);
			if (extension == null) {
				this.state.monitor.notifyAll();
				return;
			}
			extension.exitCode = exitCode;
			this.freeze.recipientGone(extension.id);
			if (killed) {
				extension.state = EmulatedExtensionState.KILLED;
			}
			else if (this.state.shutdownReason != null && !extension.state.isTerminal()) {
				extension.state = (exitCode == 0) ? EmulatedExtensionState.EXITED
						: EmulatedExtensionState.SHUTDOWN_FAILED;
			}
			else if (!extension.state.isTerminal()) {
				extension.state = EmulatedExtensionState.CRASHED;
			}
			this.state.monitor.notifyAll();
		}
	}

}
