package dev.lambdaextension.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

import dev.lambdaextension.listener.TelemetryListenerDescriptor;
import dev.lambdaextension.listener.TelemetryListenerRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.util.Assert;

/**
 * Registers the loss counters of every asynchronous telemetry listener, tagged with its
 * id: the events dropped because its queue was full ({@code reason=overflow}) and those
 * its queue still held, or that were still running, when the shutdown drain ended
 * ({@code reason=shutdown}). The counters read the listener registry, so they agree with
 * the endpoint. Registered in a bound registry once the context is refreshed, when every
 * {@code @TelemetryListener} method and configurer has registered its listener, or at
 * binding if that comes later; a listener registered later gets no counters. Synchronous listeners lose nothing on
 * their own: their losses are the pipeline's ({@code lambda.extension.telemetry.dropped}).
 *
 * @since 0.1.0
 */
public class TelemetryListenerMetrics implements ApplicationListener<ContextRefreshedEvent>, MeterBinder {

	private static final String DROPPED = "Events an asynchronous telemetry listener never received";

	private final TelemetryListenerRegistry listeners;

	private final List<MeterRegistry> registries = new ArrayList<>();

	private boolean refreshed;

	/**
	 * Create the counters of the given listeners.
	 * @param listeners the listener registry
	 */
	public TelemetryListenerMetrics(TelemetryListenerRegistry listeners) {
		Assert.notNull(listeners, "'listeners' must not be null");
		this.listeners = listeners;
	}

	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
		if (this.refreshed) {
			register(registry);
		}
	}

	@Override
	public synchronized void onApplicationEvent(ContextRefreshedEvent event) {
		if (!this.refreshed) {
			this.refreshed = true;
			this.registries.forEach(this::register);
		}
	}

	private void register(MeterRegistry registry) {
		for (TelemetryListenerDescriptor listener : this.listeners.listeners()) {
			if (listener.async()) {
				counter(registry, listener.id(), "overflow", TelemetryListenerDescriptor::droppedEvents);
				counter(registry, listener.id(), "shutdown", TelemetryListenerDescriptor::undeliveredEvents);
			}
		}
	}

	private void counter(MeterRegistry registry, String id, String reason, ToLongFunction<TelemetryListenerDescriptor> count) {
		FunctionCounter.builder(LambdaExtensionMetrics.PREFIX + "telemetry.listener.dropped", this.listeners,
				(listeners) -> {
					TelemetryListenerDescriptor listener = listeners.getListener(id);
					return (listener != null) ? count.applyAsLong(listener) : 0;
				})
			.description(DROPPED)
			.baseUnit("events")
			.tag("listener", id)
			.tag("reason", reason)
			.register(registry);
	}

}
