package dev.lambdaextension.telemetry.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.lambdaextension.telemetry.PlatformReport;
import dev.lambdaextension.telemetry.PlatformRuntimeDone;
import dev.lambdaextension.telemetry.PlatformStart;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryObserver;
import org.jspecify.annotations.Nullable;

/**
 * What the dispatched telemetry says about invocations, read from the typed events: which
 * invocations have started, whose {@code platform.runtimeDone} and {@code platform.report}
 * have reached the listeners. It is the freeze barrier after an {@code INVOKE}
 * ({@link #awaitRuntimeDone}) and tells at {@code SHUTDOWN} when the telemetry of every
 * invocation seen has arrived ({@link #awaitReports}). Events dropped on overflow count
 * as settled too: waiting for them would only hold the environment. As a
 * {@link TelemetryObserver} of the receiver it also hears when batches arrive, which is
 * how it tells that the telemetry has gone quiet. Remembers the last
 * {@value #REMEMBERED_INVOCATIONS} invocations.
 *
 * @since 0.1.0
 */
public final class InvocationProgress implements SettledEventsListener, TelemetryObserver {

	static final int REMEMBERED_INVOCATIONS = 256;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private final Set<String> awaitingReport = new LinkedHashSet<>();

	private final Map<String, PlatformRuntimeDone> runtimeDone = new LinkedHashMap<>();

	private final Set<String> reported = new LinkedHashSet<>();

	private long lastActivityNanos = System.nanoTime();

	/**
	 * Record that an invocation started, as an {@code INVOKE} event says; a
	 * {@code platform.start} says the same.
	 * @param requestId the request id
	 */
	public void invocationStarted(String requestId) {
		Objects.requireNonNull(requestId, "'requestId' must not be null");
		this.lock.lock();
		try {
			started(requestId);
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void settled(List<TelemetryEvent> events) {
		this.lock.lock();
		try {
			for (TelemetryEvent event : events) {
				if (event instanceof PlatformStart start) {
					started(start.requestId());
				}
				else if (event instanceof PlatformRuntimeDone done) {
					remember(this.runtimeDone, done.requestId(), done);
				}
				else if (event instanceof PlatformReport report) {
					this.awaitingReport.remove(report.requestId());
					rememberReport(report.requestId());
				}
			}
			this.lastActivityNanos = System.nanoTime();
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void batchReceived(List<TelemetryEvent> events) {
		this.lock.lock();
		try {
			this.lastActivityNanos = System.nanoTime();
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Wait until the {@code platform.runtimeDone} of an invocation has settled.
	 * @param requestId the request id
	 * @param timeout the longest wait
	 * @return {@code true} if it settled, {@code false} on timeout or interruption
	 */
	public boolean awaitRuntimeDone(String requestId, Duration timeout) {
		Objects.requireNonNull(requestId, "'requestId' must not be null");
		long nanos = timeout.toNanos();
		this.lock.lock();
		try {
			while (!this.runtimeDone.containsKey(requestId)) {
				if (nanos <= 0) {
					return false;
				}
				nanos = this.changed.awaitNanos(nanos);
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Return the {@code platform.runtimeDone} of an invocation, once it settled.
	 * @param requestId the request id
	 * @return the event, or {@code null} if it has not settled
	 */
	public @Nullable PlatformRuntimeDone runtimeDone(String requestId) {
		this.lock.lock();
		try {
			return this.runtimeDone.get(requestId);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Wait until the {@code platform.report} of every invocation seen has settled, or no
	 * batch has arrived or settled for the quiet period (counted from the call at the
	 * earliest), or the deadline passes.
	 * @param deadline when to stop waiting
	 * @param quietPeriod how long without telemetry means nothing more is coming
	 * @param reportsExpected whether reports can come at all (the {@code platform} stream
	 * is subscribed); without, only the quiet period or the deadline ends the wait
	 * @return the request ids whose report has not settled, empty when all have
	 */
	public Set<String> awaitReports(Instant deadline, Duration quietPeriod, boolean reportsExpected) {
		long called = System.nanoTime();
		this.lock.lock();
		try {
			while (!reportsExpected || !this.awaitingReport.isEmpty()) {
				long quietSince = Math.max(called, this.lastActivityNanos);
				long untilQuiet = quietPeriod.toNanos() - (System.nanoTime() - quietSince);
				long wait = Math.min(Duration.between(Instant.now(), deadline).toNanos(), untilQuiet);
				if (wait <= 0) {
					break;
				}
				this.changed.await(wait, TimeUnit.NANOSECONDS);
			}
			return snapshot(this.awaitingReport);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return snapshot(this.awaitingReport);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Return the request ids of invocations seen whose report has not settled yet.
	 * @return the request ids, oldest first
	 */
	public Set<String> awaitingReport() {
		this.lock.lock();
		try {
			return snapshot(this.awaitingReport);
		}
		finally {
			this.lock.unlock();
		}
	}

	private void started(String requestId) {
		if (!this.reported.contains(requestId) && this.awaitingReport.add(requestId)
				&& this.awaitingReport.size() > REMEMBERED_INVOCATIONS) {
			removeEldest(this.awaitingReport.iterator());
		}
	}

	private void rememberReport(String requestId) {
		this.reported.remove(requestId);
		this.reported.add(requestId);
		if (this.reported.size() > REMEMBERED_INVOCATIONS) {
			removeEldest(this.reported.iterator());
		}
	}

	private static <V> void remember(Map<String, V> map, String requestId, V value) {
		map.remove(requestId);
		map.put(requestId, value);
		if (map.size() > REMEMBERED_INVOCATIONS) {
			removeEldest(map.keySet().iterator());
		}
	}

	private static Set<String> snapshot(Set<String> requestIds) {
		return Collections.unmodifiableSet(new LinkedHashSet<>(requestIds));
	}

	private static void removeEldest(Iterator<String> iterator) {
		iterator.next();
		iterator.remove();
	}

}
