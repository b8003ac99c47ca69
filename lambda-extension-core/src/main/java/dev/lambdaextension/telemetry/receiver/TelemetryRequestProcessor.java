package dev.lambdaextension.telemetry.receiver;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.lambdaextension.telemetry.MalformedTelemetryException;
import dev.lambdaextension.telemetry.TelemetryBatchParser;
import dev.lambdaextension.telemetry.TelemetryBatchParser.ParsedBatch;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryObserver;

/**
 * Decides the answer to each telemetry request of a {@link TelemetryReceiver}: checks its
 * path, method and declared size, parses its body, hands the events to the
 * {@link TelemetryBatchHandler} and keeps the counters. Shared by all connections.
 */
final class TelemetryRequestProcessor {

	static final int ACCEPTED = 0;

	private static final System.Logger logger = System.getLogger(TelemetryReceiver.class.getName());

	private final String path;

	private final long maxBodyBytes;

	private final TelemetryBatchParser parser;

	private final TelemetryBatchHandler handler;

	private final AtomicLong batchesReceived = new AtomicLong();

	private final AtomicLong eventsReceived = new AtomicLong();

	private final AtomicLong malformedEvents = new AtomicLong();

	private final AtomicLong malformedBodies = new AtomicLong();

	private final AtomicLong rejectedBodies = new AtomicLong();

	private final AtomicLong refusedBatches = new AtomicLong();

	private volatile TelemetryObserver observer = TelemetryObserver.NONE;

	TelemetryRequestProcessor(String path, long maxBodyBytes, TelemetryBatchParser parser,
			TelemetryBatchHandler handler) {
		this.path = path;
		this.maxBodyBytes = maxBodyBytes;
		this.parser = parser;
		this.handler = handler;
	}

	void setObserver(TelemetryObserver observer) {
		this.observer = observer;
	}

	/**
	 * Check a request before its body is read.
	 * @param head the request head
	 * @return {@link #ACCEPTED} or the status to refuse the request with
	 */
	int check(HttpRequestHead head) {
		if (!this.path.equals(head.path())) {
			this.rejectedBodies.incrementAndGet();
			logger.log(Level.DEBUG, "Refused a telemetry request for another path than the subscribed one");
			return 404;
		}
		String method = head.method();
		if (!"POST".equals(method) && !"PUT".equals(method)) {
			this.rejectedBodies.incrementAndGet();
			return 405;
		}
		if (head.contentLength() > this.maxBodyBytes) {
			this.rejectedBodies.incrementAndGet();
			logger.log(Level.WARNING, "Refused a telemetry request of {0} bytes, more than the {1} bytes allowed",
					head.contentLength(), this.maxBodyBytes);
			return 413;
		}
		return ACCEPTED;
	}

	/**
	 * Count a request refused while it was read: its body grew larger than allowed, or it
	 * was not valid HTTP.
	 * @param status the status the request is refused with
	 */
	void refused(int status) {
		this.rejectedBodies.incrementAndGet();
		if (status == 413) {
			logger.log(Level.WARNING, "Refused a telemetry request larger than the {0} bytes allowed",
					this.maxBodyBytes);
		}
		else {
			logger.log(Level.WARNING, "Refused a telemetry request that is not valid HTTP/1.1 (status {0})", status);
		}
	}

	/**
	 * Parse a body and offer its events to the handler.
	 * @param body the request body
	 * @return the status to answer with
	 */
	int process(byte[] body) {
		try {
			return offer(body);
		}
		catch (RuntimeException ex) {
			logger.log(Level.ERROR, "Telemetry receiver failed to handle a batch", ex);
			return 500;
		}
	}

	private int offer(byte[] body) {
		ParsedBatch batch;
		try {
			batch = this.parser.parse(body);
		}
		catch (MalformedTelemetryException ex) {
			this.malformedBodies.incrementAndGet();
			this.rejectedBodies.incrementAndGet();
			this.observer.batchMalformed();
			logger.log(Level.WARNING, "Refused a telemetry request whose body is not a JSON array ({0} bytes)",
					body.length);
			return 400;
		}
		List<TelemetryEvent> events = batch.events();
		if (batch.malformed() > 0) {
			this.malformedEvents.addAndGet(batch.malformed());
			this.observer.eventsMalformed(batch.malformed());
			logger.log(Level.WARNING, "Skipped {0} malformed telemetry event(s) in a batch of {1}", batch.malformed(),
					batch.malformed() + events.size());
		}
		this.batchesReceived.incrementAndGet();
		this.eventsReceived.addAndGet(events.size());
		this.observer.batchReceived(events);
		if (events.isEmpty()) {
			return 200;
		}
		if (!this.handler.offer(events)) {
			this.refusedBatches.incrementAndGet();
			logger.log(Level.DEBUG, "Telemetry batch of {0} event(s) not accepted; Lambda will resend it",
					events.size());
			return 503;
		}
		return 200;
	}

	ReceiverStats stats() {
		return new ReceiverStats(this.batchesReceived.get(), this.eventsReceived.get(), this.malformedEvents.get(),
				this.malformedBodies.get(), this.rejectedBodies.get(), this.refusedBatches.get());
	}

}
