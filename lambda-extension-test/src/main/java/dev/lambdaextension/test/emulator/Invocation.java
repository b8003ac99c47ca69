package dev.lambdaextension.test.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Handle on one emulated invocation.
 *
 * @since 0.1.0
 */
public final class Invocation {

	private final EmulatorState state;

	private final PhaseRunner phases;

	private final int sequence;

	private final String requestId;

	private final Instant deadline;

	private final String invokedFunctionArn;

	private final InvokeRequest request;

	private final long deliveredNanos;

	private final Map<String, String> participants;

	private final Map<String, Long> doneNanos = new LinkedHashMap<>();

	private final Instant startedAt;

	private final @Nullable Map<String, Object> tracing;

	private final boolean concurrent;

	private boolean reported;

	Invocation(EmulatorState state, PhaseRunner phases, int sequence, String requestId, Instant deadline,
			String invokedFunctionArn, InvokeRequest request, long deliveredNanos, Map<String, String> participants,
			Instant startedAt, @Nullable Map<String, Object> tracing, boolean concurrent) {
		this.state = state;
		this.phases = phases;
		this.startedAt = startedAt;
		this.tracing = tracing;
		this.concurrent = concurrent;
		this.sequence = sequence;
		this.requestId = requestId;
		this.deadline = deadline;
		this.invokedFunctionArn = invokedFunctionArn;
		this.request = request;
		this.deliveredNanos = deliveredNanos;
		this.participants = Map.copyOf(participants);
	}

	/**
	 * Return the 1-based position of this invocation in the emulator's lifetime.
	 * @return the sequence number
	 */
	public int sequence() {
		return this.sequence;
	}

	/**
	 * Return the request id sent in the INVOKE event.
	 * @return the request id
	 */
	public String requestId() {
		return this.requestId;
	}

	/**
	 * Return the deadline sent as {@code deadlineMs}.
	 * @return the deadline
	 */
	public Instant deadline() {
		return this.deadline;
	}

	/**
	 * Return the ARN sent as {@code invokedFunctionArn}.
	 * @return the ARN
	 */
	public String invokedFunctionArn() {
		return this.invokedFunctionArn;
	}

	/**
	 * Return the request this invocation was created from.
	 * @return the request
	 */
	public InvokeRequest request() {
		return this.request;
	}

	/**
	 * Return the names of the extensions that received the INVOKE event.
	 * @return the extension names
	 */
	public List<String> extensionNames() {
		return this.participants.values().stream().sorted().toList();
	}

	/**
	 * Wait until every INVOKE subscriber has called {@code next} again.
	 * @param timeout how long to wait
	 * @return per extension name, the time between INVOKE delivery and its next {@code next} call
	 * @throws LambdaEmulatorTimeoutException if not every extension finished in time
	 * @throws IllegalStateException if an extension failed (exit/error, crash) during the invocation
	 */
	public Map<String, Duration> awaitExtensionsDone(Duration timeout) {
		this.state.awaitCondition(timeout, this::isSettled,
				() -> "extensions to finish invocation " + this.requestId + "; " + this.state.describeExtensions());
		synchronized (this.state.monitor) {
			Map<String, Duration> result = new LinkedHashMap<>();
			for (Map.Entry<String, String> participant : this.participants.entrySet()) {
				Long done = this.doneNanos.get(participant.getKey());
				if (done == null) {
					throw new IllegalStateException("Extension '" + participant.getValue()
							+ "' failed during invocation " + this.requestId + ": " + this.state.describeExtensions());
				}
				result.put(participant.getValue(), Duration.ofNanos(done - this.deliveredNanos));
			}
			return result;
		}
	}

	/**
	 * Return whether every INVOKE subscriber called {@code next} again.
	 * @return whether the extensions are done
	 */
	public boolean isDone() {
		synchronized (this.state.monitor) {
			return this.doneNanos.size() == this.participants.size();
		}
	}

	/**
	 * Finish a concurrent invocation of a Lambda Managed Instances emulator: emit its function logs and
	 * {@code platform.report}. Completing several invocations in another order than they started makes their
	 * {@code platform.start} and {@code platform.report} interleave. Does nothing if already complete.
	 * @throws IllegalStateException if this invocation was not started by
	 * {@link LambdaEmulator#startInvocation(InvokeRequest)}
	 * @since 0.1.0
	 */
	public void complete() {
		if (!this.concurrent) {
			throw new IllegalStateException("Only invocations started with startInvocation can be completed");
		}
		this.phases.completeInvocation(this);
	}

	/**
	 * Return whether the invocation's {@code platform.report} has been produced (it may still be held by a
	 * freeze).
	 * @return whether reported
	 * @since 0.1.0
	 */
	public boolean isReported() {
		synchronized (this.state.monitor) {
			return this.reported;
		}
	}

	Instant startedAt() {
		return this.startedAt;
	}

	@Nullable Map<String, Object> tracing() {
		return this.tracing;
	}

	long deliveredNanos() {
		return this.deliveredNanos;
	}

	boolean isParticipant(String extensionId) {
		return this.participants.containsKey(extensionId);
	}

	boolean isSettled() {
		for (String id : this.participants.keySet()) {
			if (!this.doneNanos.containsKey(id) && !this.state.isTerminal(id)) {
				return false;
			}
		}
		return true;
	}

	void extensionDone(String extensionId, long nanos) {
		if (this.participants.containsKey(extensionId)) {
			this.doneNanos.putIfAbsent(extensionId, nanos);
		}
	}

	long lastDoneNanos() {
		return this.doneNanos.values().stream().mapToLong(Long::longValue).max().orElse(this.deliveredNanos);
	}

	boolean markReported() {
		if (this.reported) {
			return false;
		}
		this.reported = true;
		return true;
	}

}
