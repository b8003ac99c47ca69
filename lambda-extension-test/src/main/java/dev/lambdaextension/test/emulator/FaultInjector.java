package dev.lambdaextension.test.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Faults a test asked for: canned answers per path, connections closed without an answer and truncated
 * {@code next} bodies. Guarded by the emulator's
 * monitor.
 */
final class FaultInjector {

	private final Map<String, Deque<EmulatorResponse>> answers = new HashMap<>();

	private final Map<String, Integer> drops = new HashMap<>();

	private int truncations;

	void failNext(String path, EmulatorResponse response, int times) {
		Deque<EmulatorResponse> queue = this.answers.computeIfAbsent(path, (key) -> new ArrayDeque<>());
		for (int i = 0; i < times; i++) {
			queue.add(response);
		}
	}

	@Nullable EmulatorResponse takeAnswer(String path) {
		Deque<EmulatorResponse> queue = this.answers.get(path);
		return (queue != null) ? queue.poll() : null;
	}

	void dropConnections(String path, int times) {
		this.drops.merge(path, times, Integer::sum);
	}

	boolean takeDrop(String path) {
		Integer left = this.drops.get(path);
		if (left == null || left == 0) {
			return false;
		}
		this.drops.put(path, left - 1);
		return true;
	}

	void truncateNextEvents(int times) {
		this.truncations += times;
	}

	/**
	 * Return the body to hand out: cut in the middle when a truncation is pending.
	 * @param body the complete event body
	 * @return the body to send
	 */
	String eventBody(String body) {
		if (this.truncations == 0 || body.length() < 2) {
			return body;
		}
		this.truncations--;
		return body.substring(0, body.length() / 2);
	}

}
