package dev.lambdaextension.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import dev.lambdaextension.client.ShutdownEvent;
import dev.lambdaextension.client.TelemetrySubscription;
import dev.lambdaextension.telemetry.TelemetryStream;
import dev.lambdaextension.telemetry.dispatch.DeferredDeliveries;
import dev.lambdaextension.telemetry.dispatch.DispatcherStats;
import dev.lambdaextension.telemetry.dispatch.InvocationProgress;
import dev.lambdaextension.telemetry.dispatch.TelemetryDispatcher;
import dev.lambdaextension.telemetry.receiver.TelemetryReceiver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Delivers the telemetry Lambda sends after {@code SHUTDOWN}. The receiver stays open and
 * the dispatcher keeps delivering until the {@code platform.report} of every invocation
 * seen has been delivered (when the {@code platform} stream is subscribed and every
 * invocation is heard of through {@code INVOKE}), or no telemetry has come for the quiet
 * period, or the margin
 * before the deadline is reached; then the dispatcher drains what it accepted and the
 * receiver closes, and the {@link DeferredDeliveries} (asynchronous listeners) drain in
 * what time is left. Events accepted and never delivered are counted exactly.
 *
 * @since 0.1.0
 */
public class ShutdownTelemetryDrain implements TelemetryDrain {

	private static final Log logger = LogFactory.getLog(ShutdownTelemetryDrain.class);

	private final TelemetrySubscriber subscriber;

	private final TelemetryReceiver receiver;

	private final TelemetryDispatcher dispatcher;

	private final InvocationProgress progress;

	private final Duration quietPeriod;

	private final boolean invocationsSeen;

	private DeferredDeliveries deferredDeliveries = DeferredDeliveries.NONE;

	/**
	 * Create a drain.
	 * @param subscriber the subscriber, asked whether there is a subscription at all
	 * @param receiver the endpoint Lambda posts to
	 * @param dispatcher the queue between the receiver and the listeners
	 * @param progress what the dispatched telemetry says about invocations
	 * @param quietPeriod how long without telemetry means nothing more is coming
	 * @param invocationsSeen whether the extension hears of every invocation (it is
	 * registered for {@code INVOKE}); without, as on Lambda Managed Instances, an
	 * invocation may still be unknown at {@code SHUTDOWN} and only the quiet period ends
	 * the wait
	 */
	public ShutdownTelemetryDrain(TelemetrySubscriber subscriber, TelemetryReceiver receiver,
			TelemetryDispatcher dispatcher, InvocationProgress progress, Duration quietPeriod,
			boolean invocationsSeen) {
		this.subscriber = subscriber;
		this.receiver = receiver;
		this.dispatcher = dispatcher;
		this.progress = progress;
		this.quietPeriod = quietPeriod;
		this.invocationsSeen = invocationsSeen;
	}

	/**
	 * Set the deliveries that complete after the dispatcher handed them over, such as
	 * asynchronous listeners: drained after the dispatcher, their losses counted.
	 * @param deferredDeliveries the deliveries
	 */
	public void setDeferredDeliveries(DeferredDeliveries deferredDeliveries) {
		this.deferredDeliveries = deferredDeliveries;
	}

	@Override
	public Outcome drain(ShutdownEvent shutdown, Instant until) {
		TelemetrySubscription subscription = this.subscriber.getSubscription();
		if (subscription == null) {
			return new Outcome(0, 0);
		}
		long started = System.nanoTime();
		long dispatchedBefore = this.dispatcher.getStats().dispatchedEvents();
		boolean reportsExpected = this.invocationsSeen
				&& subscription.types().contains(TelemetryStream.PLATFORM.wireName());
		Set<String> missing = this.progress.awaitReports(until, this.quietPeriod, reportsExpected);
		if (!missing.isEmpty()) {
			logger.warn("platform.report of " + missing.size() + " invocation(s) did not arrive before "
					+ (Instant.now().isBefore(until) ? "the telemetry went quiet" : "the shutdown margin"));
		}
		this.dispatcher.drain(until);
		this.receiver.stop();
		this.deferredDeliveries.drain(until);
		DispatcherStats stats = this.dispatcher.getStats();
		long delivered = stats.dispatchedEvents() - dispatchedBefore;
		long lost = stats.droppedEvents() + stats.undeliveredEvents() + this.deferredDeliveries.lostEvents();
		if (logger.isDebugEnabled()) {
			logger.debug("Telemetry after SHUTDOWN: " + delivered + " event(s) delivered, " + lost + " lost, in "
					+ Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
		}
		return new Outcome(delivered, lost);
	}

	/**
	 * Return how long without telemetry means nothing more is coming.
	 * @return the quiet period
	 */
	public Duration getQuietPeriod() {
		return this.quietPeriod;
	}

}
