package dev.lambdaextension.metrics;

import dev.lambdaextension.telemetry.dispatch.TelemetryDispatcher;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

/**
 * Binds gauges of a {@link TelemetryDispatcher}'s queue: the events waiting and the
 * queue's capacity, both in events.
 *
 * @since 0.1.0
 */
public class TelemetryDispatcherMetrics implements MeterBinder {

	private final TelemetryDispatcher dispatcher;

	/**
	 * Create a binder for the given dispatcher.
	 * @param dispatcher the dispatcher
	 */
	public TelemetryDispatcherMetrics(TelemetryDispatcher dispatcher) {
		Assert.notNull(dispatcher, "'dispatcher' must not be null");
		this.dispatcher = dispatcher;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(LambdaExtensionMetrics.PREFIX + "telemetry.dispatch.queue.depth", this.dispatcher,
				TelemetryDispatcher::getQueueDepth)
			.description("Telemetry events waiting in the dispatch queue")
			.baseUnit("events")
			.register(registry);
		Gauge.builder(LambdaExtensionMetrics.PREFIX + "telemetry.dispatch.queue.capacity", this.dispatcher,
				(dispatcher) -> dispatcher.getOptions().getCapacity())
			.description("Capacity of the telemetry dispatch queue")
			.baseUnit("events")
			.register(registry);
	}

}
