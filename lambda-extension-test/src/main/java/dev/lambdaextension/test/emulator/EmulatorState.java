package dev.lambdaextension.test.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The mutable state of one emulated execution environment, shared by the control plane and the phase runner,
 * and the monitor that guards it. Every field is read and written under {@link #monitor}; every change is
 * followed by {@code monitor.notifyAll()} so that {@link #awaitCondition} re-evaluates its condition.
 */
final class EmulatorState {

	final Object monitor = new Object();

	final long startNanos = System.nanoTime();

	final Map<String, ExtensionRecord> extensions = new LinkedHashMap<>();

	final List<RecordedCall> calls = new ArrayList<>();

	final List<HandedOutEvent> handedOut = new ArrayList<>();

	final FaultInjector faults = new FaultInjector();

	boolean registrationClosed;

	boolean initComplete;

	boolean restored;

	@Nullable Double initDurationMs;

	@Nullable String initErrorType;

	int invocationCount;

	@Nullable Invocation currentInvocation;

	@Nullable String shutdownReason;

	boolean closed;

	void awaitCondition(Duration timeout, BooleanSupplier condition, Supplier<String> description) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (!condition.getAsBoolean()) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0 || this.closed) {
					throw new LambdaEmulatorTimeoutException(description.get(), timeout);
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.monitor, remaining);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while waiting for " + description.get(), ex);
				}
			}
		}
	}

	String describeExtensions() {
		synchronized (this.monitor) {
			if (this.extensions.isEmpty()) {
				return "no extension registered";
			}
			return this.extensions.values()
				.stream()
				.map((extension) -> extension.name + "=" + extension.state + (extension.parked ? "(parked)" : ""))
				.collect(Collectors.joining(", ", "extensions: ", ""));
		}
	}

	@Nullable ExtensionRecord findByName(String name) {
		for (ExtensionRecord extension : this.extensions.values()) {
			if (extension.name.equals(name)) {
				return extension;
			}
		}
		return null;
	}

	@Nullable HandedOutEvent findHandedOut(String extensionName, String eventType) {
		for (HandedOutEvent event : this.handedOut) {
			if (event.extensionName().equals(extensionName) && event.eventType().equals(eventType)) {
				return event;
			}
		}
		return null;
	}

	boolean isTerminal(String extensionId) {
		ExtensionRecord extension = this.extensions.get(extensionId);
		return extension == null || extension.state.isTerminal();
	}

	void requireRunning() {
		if (this.closed || this.shutdownReason != null) {
			throw new IllegalStateException("The emulator is shutting down");
		}
	}

	boolean subscriptionClosed() {
		return this.initComplete || this.shutdownReason != null;
	}

}
