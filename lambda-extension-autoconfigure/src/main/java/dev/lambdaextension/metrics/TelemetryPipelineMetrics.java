package dev.lambdaextension.metrics;

import java.util.function.Function;
import java.util.function.ToLongFunction;

import dev.lambdaextension.telemetry.dispatch.DispatcherStats;
import dev.lambdaextension.telemetry.dispatch.TelemetryDispatcher;
import dev.lambdaextension.telemetry.receiver.ReceiverStats;
import dev.lambdaextension.telemetry.receiver.TelemetryReceiver;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

/**
 * Registers the meters of the telemetry pipeline: counters that read its own counts, the
 * ones health and the endpoint show too (batches received, parse failures, refused,
 * dropped and undelivered events), and the {@link TelemetryDispatcherMetrics queue
 * gauges}. Nothing is counted twice, so every view of the extension agrees, and nothing
 * is lost when the registry is bound late: the counters read counts kept since the
 * start.
 *
 * @since 0.2.0
 */
public class TelemetryPipelineMetrics implements MeterBinder {

	private static final String PARSE_FAILURES = "Telemetry batch elements, or whole batches, that could not be parsed";

	private static final String DROPPED = "Accepted telemetry events that never reached the listeners";

	private final TelemetryReceiver receiver;

	private final TelemetryDispatcher dispatcher;

	/**
	 * Create the meters of the given receiver and dispatcher, not yet registered.
	 * @param receiver the telemetry receiver
	 * @param dispatcher the telemetry dispatcher
	 */
	public TelemetryPipelineMetrics(TelemetryReceiver receiver, TelemetryDispatcher dispatcher) {
		Assert.notNull(receiver, "'receiver' must not be null");
		Assert.notNull(dispatcher, "'dispatcher' must not be null");
		this.receiver = receiver;
		this.dispatcher = dispatcher;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		new TelemetryDispatcherMetrics(this.dispatcher).bindTo(registry);
		receiverCounter("telemetry.batches", ReceiverStats::batchesReceived)
			.description("Telemetry API deliveries received and parsed")
			.register(registry);
		receiverCounter("telemetry.parse.failures", ReceiverStats::malformedEvents)
			.description(PARSE_FAILURES)
			.tag("scope", "event")
			.register(registry);
		receiverCounter("telemetry.parse.failures", ReceiverStats::malformedBodies)
			.description(PARSE_FAILURES)
			.tag("scope", "batch")
			.register(registry);
		dispatcherCounter("telemetry.rejected", DispatcherStats::rejectedEvents)
			.description("Telemetry events refused by the dispatch queue, for Lambda to send again")
			.register(registry);
		dispatcherCounter("telemetry.dropped", DispatcherStats::droppedEvents)
			.description(DROPPED)
			.tag("reason", "overflow")
			.register(registry);
		dispatcherCounter("telemetry.dropped", DispatcherStats::undeliveredEvents)
			.description(DROPPED)
			.tag("reason", "shutdown")
			.register(registry);
	}

	private FunctionCounter.Builder<TelemetryReceiver> receiverCounter(String name, ToLongFunction<ReceiverStats> count) {
		return counter(name, this.receiver, TelemetryReceiver::getStats, count);
	}

	private FunctionCounter.Builder<TelemetryDispatcher> dispatcherCounter(String name,
			ToLongFunction<DispatcherStats> count) {
		return counter(name, this.dispatcher, TelemetryDispatcher::getStats, count);
	}

	private static <T, S> FunctionCounter.Builder<T> counter(String name, T source, Function<T, S> stats,
			ToLongFunction<S> count) {
		return FunctionCounter.builder(LambdaExtensionMetrics.PREFIX + name, source,
				(object) -> count.applyAsLong(stats.apply(object)));
	}

}
