package dev.lambdaextension.telemetry.dispatch;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.lambdaextension.concurrent.ExtensionThreads;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryObserver;
import dev.lambdaextension.telemetry.receiver.TelemetryBatchHandler;
import org.jspecify.annotations.Nullable;

/**
 * Buffers the batches a receiver accepts in a bounded queue, counted in events, and hands
 * them in order to a {@link TelemetryBatchConsumer} off the receiving thread: on one
 * owned daemon thread named {@value #THREAD_NAME}, or on a caller-supplied
 * {@link Executor} that the dispatcher never shuts down. Batches are consumed one at a
 * time. A full queue is handled by the {@link OverflowStrategy} of the
 * {@link DispatchOptions}; drops are counted and logged without payloads.
 * <p>
 * A {@link SettledEventsListener} hears about every event the dispatcher is done with,
 * which is what {@link InvocationProgress} builds the freeze barrier on, and
 * {@link #drain(Instant)} delivers the backlog at shutdown.
 *
 * @since 0.1.0
 */
public class TelemetryDispatcher implements TelemetryBatchHandler, AutoCloseable {

	/**
	 * Name of the thread the dispatcher owns when no executor is supplied.
	 */
	public static final String THREAD_NAME = "lambda-ext-telemetry-dispatch";

	private static final System.Logger logger = System.getLogger(TelemetryDispatcher.class.getName());

	private final TelemetryBatchConsumer consumer;

	private final DispatchOptions options;

	private final Executor executor;

	private final @Nullable ExecutorService ownedExecutor;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private final BatchQueue queue = new BatchQueue();

	private int inFlight;

	private boolean inFlightAbandoned;

	private boolean workerScheduled;

	private boolean accepting = true;

	private boolean closed;

	private long acceptedEvents;

	private long rejectedEvents;

	private long droppedEvents;

	private long dispatchedEvents;

	private long undeliveredEvents;

	private long consumerFailures;

	private volatile TelemetryObserver observer = TelemetryObserver.NONE;

	private volatile SettledEventsListener settledListener = SettledEventsListener.NONE;

	/**
	 * Create a dispatcher with the default options on its own thread.
	 * @param consumer the consumer of batches
	 */
	public TelemetryDispatcher(TelemetryBatchConsumer consumer) {
		this(consumer, DispatchOptions.defaults());
	}

	/**
	 * Create a dispatcher on its own thread.
	 * @param consumer the consumer of batches
	 * @param options the options
	 */
	public TelemetryDispatcher(TelemetryBatchConsumer consumer, DispatchOptions options) {
		this(consumer, options, null);
	}

	/**
	 * Create a dispatcher that consumes on the given executor.
	 * @param consumer the consumer of batches
	 * @param options the options
	 * @param executor the executor to consume on, or {@code null} for an owned thread;
	 * a supplied executor is not shut down by {@link #close()}
	 */
	public TelemetryDispatcher(TelemetryBatchConsumer consumer, DispatchOptions options, @Nullable Executor executor) {
		this.consumer = Objects.requireNonNull(consumer, "'consumer' must not be null");
		this.options = Objects.requireNonNull(options, "'options' must not be null");
		if (executor != null) {
			this.executor = executor;
			this.ownedExecutor = null;
		}
		else {
			ExecutorService owned = Executors.newSingleThreadExecutor(ExtensionThreads.daemonFactory(THREAD_NAME));
			this.executor = owned;
			this.ownedExecutor = owned;
		}
	}

	/**
	 * Return the options.
	 * @return the options
	 */
	public DispatchOptions getOptions() {
		return this.options;
	}

	/**
	 * Set the observer told about refused, dropped, undelivered and dispatched events.
	 * Rejections are reported while the queue is locked.
	 * @param observer the observer
	 */
	public void setObserver(TelemetryObserver observer) {
		this.observer = Objects.requireNonNull(observer, "'observer' must not be null");
	}

	/**
	 * Set the listener told about every event consumed or dropped.
	 * @param settledListener the listener
	 */
	public void setSettledListener(SettledEventsListener settledListener) {
		this.settledListener = Objects.requireNonNull(settledListener, "'settledListener' must not be null");
	}

	/**
	 * Offer a batch for dispatch. Returns at once; never waits for the consumer.
	 * @param events the events of one batch
	 * @return {@code false} if the batch was refused (the dispatcher is draining or
	 * closed, or the queue is full under {@link OverflowStrategy#REJECT}), so Lambda
	 * sends it again; {@code true} otherwise, even if events were dropped
	 */
	@Override
	public boolean offer(List<TelemetryEvent> events) {
		if (events.isEmpty()) {
			return true;
		}
		List<TelemetryEvent> batch = List.copyOf(events);
		List<TelemetryEvent> droppedEvents = List.of();
		boolean schedule;
		this.lock.lock();
		try {
			if (!this.accepting) {
				this.rejectedEvents += batch.size();
				this.observer.eventsRejected(batch.size());
				return false;
			}
			int room = this.options.getCapacity() - this.queue.depth();
			if (batch.size() > room && this.queue.depth() > 0) {
				switch (this.options.getOverflowStrategy()) {
					case REJECT -> {
						this.rejectedEvents += batch.size();
						this.observer.eventsRejected(batch.size());
						logger.log(Level.DEBUG, "Telemetry dispatch queue full ({0} of {1} events); refused {2} event(s)",
								this.queue.depth(), this.options.getCapacity(), batch.size());
						return false;
					}
					case DROP_NEWEST -> {
						int keep = Math.max(room, 0);
						droppedEvents = batch.subList(keep, batch.size());
						batch = batch.subList(0, keep);
					}
					case DROP_OLDEST -> droppedEvents = this.queue.dropOldest(batch.size(), this.options.getCapacity());
				}
				this.droppedEvents += droppedEvents.size();
			}
			if (!batch.isEmpty()) {
				this.queue.add(batch);
				this.acceptedEvents += batch.size();
			}
			this.changed.signalAll();
			schedule = !this.workerScheduled && !this.queue.isEmpty();
			if (schedule) {
				this.workerScheduled = true;
			}
		}
		finally {
			this.lock.unlock();
		}
		if (!droppedEvents.isEmpty()) {
			this.observer.eventsDropped(droppedEvents.size());
			logger.log(Level.WARNING, "Dropped {0} telemetry event(s): dispatch queue full (capacity {1}, strategy {2})",
					droppedEvents.size(), this.options.getCapacity(), this.options.getOverflowStrategy());
			this.settledListener.settled(droppedEvents);
		}
		if (schedule) {
			scheduleWorker();
		}
		return true;
	}

	/**
	 * Stop accepting batches and deliver those already accepted until the deadline.
	 * Events still queued at the deadline are discarded, counted and logged; a batch
	 * being consumed at the deadline is counted as undelivered, and not as dispatched when
	 * it finishes later, so accepted events are always dispatched, undelivered or queued.
	 * @param deadline when to give up
	 * @return how many events were delivered while draining and how many were not
	 */
	public DrainResult drain(Instant deadline) {
		Objects.requireNonNull(deadline, "'deadline' must not be null");
		long undelivered;
		long delivered;
		this.lock.lock();
		try {
			this.accepting = false;
			long dispatchedBefore = this.dispatchedEvents;
			try {
				while (this.queue.depth() + this.inFlight > 0) {
					long nanos = Duration.between(Instant.now(), deadline).toNanos();
					if (nanos <= 0) {
						break;
					}
					this.changed.awaitNanos(nanos);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			delivered = this.dispatchedEvents - dispatchedBefore;
			undelivered = this.queue.depth() + this.inFlight;
			this.undeliveredEvents += this.inFlight;
			this.inFlightAbandoned = this.inFlight > 0;
			discardQueue();
		}
		finally {
			this.lock.unlock();
		}
		if (undelivered > 0) {
			this.observer.eventsUndelivered(undelivered);
			logger.log(Level.WARNING, "Telemetry drain deadline passed: {0} event(s) delivered, {1} undelivered",
					delivered, undelivered);
		}
		else {
			logger.log(Level.DEBUG, "Telemetry drained: {0} event(s) delivered", delivered);
		}
		return new DrainResult(delivered, undelivered);
	}

	/**
	 * Stop accepting batches, discard those not yet consumed (counted and logged as
	 * undelivered), wake up waiters and shut down the owned thread, if any. A batch being
	 * consumed is left to finish. Use {@link #drain(Instant)} first to deliver the
	 * backlog.
	 */
	@Override
	public void close() {
		int discarded;
		this.lock.lock();
		try {
			if (this.closed) {
				return;
			}
			this.accepting = false;
			this.closed = true;
			discarded = this.queue.depth();
			discardQueue();
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		if (discarded > 0) {
			this.observer.eventsUndelivered(discarded);
			logger.log(Level.WARNING, "Telemetry dispatcher closed with {0} undelivered event(s)", discarded);
		}
		if (this.ownedExecutor != null) {
			this.ownedExecutor.shutdown();
		}
	}

	/**
	 * Return whether batches are accepted: false once draining or closed.
	 * @return whether accepting
	 */
	public boolean isAccepting() {
		return locked(() -> this.accepting);
	}

	/**
	 * Return the number of events waiting in the queue.
	 * @return the queue depth
	 */
	public int getQueueDepth() {
		return locked(this.queue::depth);
	}

	/**
	 * Return a snapshot of the counters.
	 * @return the counters
	 */
	public DispatcherStats getStats() {
		return locked(() -> new DispatcherStats(this.acceptedEvents, this.rejectedEvents, this.droppedEvents,
				this.dispatchedEvents, this.undeliveredEvents, this.queue.depth(), this.consumerFailures));
	}

	private <T> T locked(Supplier<T> read) {
		this.lock.lock();
		try {
			return read.get();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void discardQueue() {
		this.undeliveredEvents += this.queue.clear();
		this.changed.signalAll();
	}

	private void scheduleWorker() {
		try {
			this.executor.execute(this::dispatchQueued);
		}
		catch (RejectedExecutionException ex) {
			this.lock.lock();
			try {
				this.workerScheduled = false;
			}
			finally {
				this.lock.unlock();
			}
			logger.log(Level.ERROR, "Telemetry dispatch executor refused work; batches stay queued", ex);
		}
	}

	private void dispatchQueued() {
		while (true) {
			List<TelemetryEvent> batch;
			long acceptedNanos;
			this.lock.lock();
			try {
				BatchQueue.QueuedBatch queued = this.queue.poll();
				if (queued == null) {
					this.workerScheduled = false;
					this.changed.signalAll();
					return;
				}
				batch = queued.events();
				acceptedNanos = queued.acceptedNanos();
				this.inFlight = batch.size();
			}
			finally {
				this.lock.unlock();
			}
			boolean failed = false;
			try {
				this.consumer.consume(batch);
			}
			catch (Throwable ex) {
				failed = true;
				logger.log(Level.ERROR, "Telemetry consumer failed on a batch of " + batch.size() + " event(s)", ex);
			}
			this.lock.lock();
			try {
				if (!this.inFlightAbandoned) {
					this.dispatchedEvents += batch.size();
				}
				this.inFlight = 0;
				this.inFlightAbandoned = false;
				if (failed) {
					this.consumerFailures++;
				}
				this.changed.signalAll();
			}
			finally {
				this.lock.unlock();
			}
			this.settledListener.settled(batch);
			this.observer.batchDispatched(batch.size(), Duration.ofNanos(System.nanoTime() - acceptedNanos));
		}
	}

}
