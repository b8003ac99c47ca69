package dev.lambdaextension.flush;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.lambdaextension.concurrent.ExtensionThreads;
import org.jspecify.annotations.Nullable;
/**
 * Runs a flush task every interval on one daemon thread between {@link #start()} and
 * {@link #stop()}. While Lambda freezes the environment the
 * thread is frozen with it; a tick that fell due meanwhile runs after the thaw.
 *
 * @since 0.2.0
 */
public final class PeriodicFlushTimer {

	private static final String THREAD_NAME = "lambda-extension-flush";

	private final Duration interval;

	private final Runnable task;

	private @Nullable ScheduledExecutorService executor;

	/**
	 * Create a timer.
	 * @param interval the time between the end of one flush and the start of the next
	 * @param task what to run
	 */
	public PeriodicFlushTimer(Duration interval, Runnable task) {
		this.interval = interval;
		this.task = task;
	}

	/**
	 * Start the timer, unless it runs.
	 */
	public synchronized void start() {
		if (this.executor == null) {
			ScheduledExecutorService executor = Executors
				.newSingleThreadScheduledExecutor(ExtensionThreads.daemonFactory(THREAD_NAME));
			long millis = this.interval.toMillis();
			executor.scheduleWithFixedDelay(this.task, millis, millis, TimeUnit.MILLISECONDS);
			this.executor = executor;
		}
	}

	/**
	 * Stop the timer; a flush in progress finishes.
	 */
	public synchronized void stop() {
		ScheduledExecutorService executor = this.executor;
		if (executor != null) {
			executor.shutdown();
			this.executor = null;
		}
	}

	/**
	 * Return whether the timer runs.
	 * @return whether it runs
	 */
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
