package dev.lambdaextension.test.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The history part of a {@link LambdaEmulator}'s scenario API: every call it answered and every event it wrote
 * to an extension's {@code next} connection, with waits on both.
 *
 * @since 0.1.0
 * @see LambdaEmulator#history()
 */
public final class EmulatorHistory {

	private final EmulatorState state;

	EmulatorHistory(EmulatorState state) {
		this.state = state;
	}

	/**
	 * Return every call answered so far, in the order the answers were decided. A call is recorded before
	 * its answer is sent, so a client that has received an answer always finds its call here.
	 * @return an immutable list of calls
	 */
	public List<RecordedCall> calls() {
		synchronized (this.state.monitor) {
			return List.copyOf(this.state.calls);
		}
	}

	/**
	 * Return the calls received on one path.
	 * @param path the request path, e.g. {@link LambdaEmulator#REGISTER_PATH}
	 * @return an immutable list of calls
	 */
	public List<RecordedCall> calls(String path) {
		synchronized (this.state.monitor) {
			return this.state.calls.stream().filter((call) -> call.path().equals(path)).toList();
		}
	}

	/**
	 * Return every event written to an extension's {@code next} connection, in hand-out order.
	 * @return an immutable list of events
	 */
	public List<HandedOutEvent> handedOutEvents() {
		synchronized (this.state.monitor) {
			return List.copyOf(this.state.handedOut);
		}
	}

	/**
	 * Wait until an event of a type has been handed out to an extension.
	 * @param extensionName the extension
	 * @param eventType the event type, e.g. {@code SHUTDOWN}
	 * @param timeout how long to wait
	 * @return the first such event
	 */
	public HandedOutEvent awaitHandedOut(String extensionName, String eventType, Duration timeout) {
		this.state.awaitCondition(timeout, () -> this.state.findHandedOut(extensionName, eventType) != null,
				() -> eventType + " to be handed out to '" + extensionName + "'; " + this.state.describeExtensions());
		synchronized (this.state.monitor) {
			return Objects.requireNonNull(this.state.findHandedOut(extensionName, eventType));
		}
	}

	/**
	 * Wait until at least {@code count} calls to a path have been answered.
	 * @param path the request path
	 * @param count the number of calls
	 * @param timeout how long to wait
	 * @return the calls to that path
	 */
	public List<RecordedCall> awaitCalls(String path, int count, Duration timeout) {
		this.state.awaitCondition(timeout,
				() -> this.state.calls.stream().filter((call) -> call.path().equals(path)).count() >= count,
				() -> count + " call(s) to " + path);
		return calls(path);
	}

}
