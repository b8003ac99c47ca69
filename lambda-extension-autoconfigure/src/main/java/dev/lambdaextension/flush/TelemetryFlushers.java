package dev.lambdaextension.flush;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Calls the {@link TelemetryFlusher} beans in order, one flush at a time, so that a
 * flusher that throws neither stops the others nor reaches the thread that triggered
 * the flush.
 *
 * @since 0.2.0
 */
public final class TelemetryFlushers {

	private static final Log logger = LogFactory.getLog(TelemetryFlushers.class);

	private final List<TelemetryFlusher> flushers;

	private final ReentrantLock lock = new ReentrantLock();

	/**
	 * Create an instance.
	 * @param flushers the flushers, in the order to call them
	 */
	public TelemetryFlushers(List<? extends TelemetryFlusher> flushers) {
		this.flushers = List.copyOf(flushers);
	}

	/**
	 * Call every flusher, waiting for a flush in progress on another thread to end first.
	 * @param trigger why
	 */
	public void flush(FlushTrigger trigger) {
		this.lock.lock();
		try {
			for (TelemetryFlusher flusher : this.flushers) {
				try {
					flusher.flush(trigger);
				}
				catch (RuntimeException ex) {
					logger.warn("Telemetry flusher " + flusher.getClass().getName() + " failed on " + trigger + ": "
							+ ex.getClass().getName());
					if (logger.isDebugEnabled()) {
						logger.debug("Telemetry flusher failure", ex);
					}
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

}
