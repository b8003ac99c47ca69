package dev.lambdaextension.listener;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.lambdaextension.concurrent.ExtensionThreads;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.dispatch.DrainResult;

/**
 * The thread and bounded queue of one asynchronous listener. Each batch the dispatcher
 * hands over becomes one task holding the listener's calls for it, run in order on a
 * single daemon thread. A batch that finds the queue full is dropped and its events
 * counted; at {@link #drain(Instant)} the queue is worked off until the deadline, and
 * whatever is still queued or running then is counted as undelivered. A running call is
 * interrupted and stays counted as undelivered even if it completes afterwards, so the
 * drain's result is final when it returns.
 */
final class AsyncListenerDelivery {

	static final String THREAD_NAME_PREFIX = "lambda-ext-listener-";

	private final ThreadPoolExecutor executor;

	private final AtomicLong pendingEvents = new AtomicLong();

	private final AtomicLong deliveredEvents = new AtomicLong();

	private final AtomicLong droppedEvents = new AtomicLong();

	private final AtomicLong undeliveredEvents = new AtomicLong();

	private volatile boolean closed;

	AsyncListenerDelivery(String listenerId, int queueCapacity) {
		if (queueCapacity < 1) {
			throw new IllegalArgumentException("'queueCapacity' must be at least 1, not " + queueCapacity);
		}
		this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
				new LinkedBlockingQueue<>(queueCapacity), ExtensionThreads.daemonFactory(THREAD_NAME_PREFIX + listenerId),
				new ThreadPoolExecutor.AbortPolicy());
	}

	/**
	 * Queue the calls of one batch.
	 * @param calls the event lists to hand to the listener, one call each
	 * @param invoker makes one call, handling its failure
	 * @return whether the batch was queued; {@code false} if the queue was full or the
	 * delivery drained, its events then counted as dropped
	 */
	boolean submit(List<List<TelemetryEvent>> calls, Consumer<List<TelemetryEvent>> invoker) {
		long events = calls.stream().mapToLong(List::size).sum();
		this.pendingEvents.addAndGet(events);
		try {
			this.executor.execute(() -> run(calls, invoker));
			return true;
		}
		catch (RejectedExecutionException ex) {
			this.pendingEvents.addAndGet(-events);
			this.droppedEvents.addAndGet(events);
			return false;
		}
	}

	private void run(List<List<TelemetryEvent>> calls, Consumer<List<TelemetryEvent>> invoker) {
		for (List<TelemetryEvent> call : calls) {
			if (this.closed) {
				return;
			}
			invoker.accept(call);
			if (!this.closed) {
				this.pendingEvents.addAndGet(-call.size());
				this.deliveredEvents.addAndGet(call.size());
			}
		}
	}

	/**
	 * Stop taking batches, deliver the queued ones until the deadline and stop.
	 * @param deadline when delivering must have ended
	 * @return the events delivered while draining and those left undelivered
	 */
	DrainResult drain(Instant deadline) {
		long deliveredBefore = this.deliveredEvents.get();
		this.executor.shutdown();
		try {
			this.executor.awaitTermination(Math.max(0, Duration.between(Instant.now(), deadline).toNanos()),
					TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.closed = true;
		this.executor.shutdownNow();
		long undelivered = this.pendingEvents.getAndSet(0);
		this.undeliveredEvents.addAndGet(undelivered);
		return new DrainResult(this.deliveredEvents.get() - deliveredBefore, undelivered);
	}

	long getDroppedEvents() {
		return this.droppedEvents.get();
	}

	long getUndeliveredEvents() {
		return this.undeliveredEvents.get();
	}

	int getQueueDepth() {
		return this.executor.getQueue().size();
	}

}
