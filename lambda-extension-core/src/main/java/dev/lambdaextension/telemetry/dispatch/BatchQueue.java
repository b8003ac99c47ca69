package dev.lambdaextension.telemetry.dispatch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import dev.lambdaextension.telemetry.TelemetryEvent;
import org.jspecify.annotations.Nullable;

/**
 * The batches a {@link TelemetryDispatcher} accepted and has not handed out yet, with
 * their depth in events. Not thread-safe: the dispatcher's lock guards it.
 */
final class BatchQueue {

	private final ArrayDeque<QueuedBatch> batches = new ArrayDeque<>();

	private int depth;

	int depth() {
		return this.depth;
	}

	boolean isEmpty() {
		return this.batches.isEmpty();
	}

	void add(List<TelemetryEvent> events) {
		this.batches.addLast(new QueuedBatch(events, System.nanoTime()));
		this.depth += events.size();
	}

	@Nullable QueuedBatch poll() {
		QueuedBatch queued = this.batches.pollFirst();
		if (queued != null) {
			this.depth -= queued.events().size();
		}
		return queued;
	}

	/**
	 * Remove the oldest events until {@code incoming} more fit in {@code capacity}.
	 * @param incoming the events about to be added
	 * @param capacity the capacity in events
	 * @return the events removed, oldest first
	 */
	List<TelemetryEvent> dropOldest(int incoming, int capacity) {
		List<TelemetryEvent> dropped = new ArrayList<>();
		while (this.depth + incoming > capacity && !this.batches.isEmpty()) {
			QueuedBatch queued = this.batches.pollFirst();
			List<TelemetryEvent> head = queued.events();
			int removed = Math.min(this.depth + incoming - capacity, head.size());
			dropped.addAll(head.subList(0, removed));
			if (removed < head.size()) {
				this.batches.addFirst(new QueuedBatch(head.subList(removed, head.size()), queued.acceptedNanos()));
			}
			this.depth -= removed;
		}
		return dropped;
	}

	/**
	 * Remove every batch.
	 * @return how many events were removed
	 */
	int clear() {
		int removed = this.depth;
		this.batches.clear();
		this.depth = 0;
		return removed;
	}

	record QueuedBatch(List<TelemetryEvent> events, long acceptedNanos) {
	}

}
