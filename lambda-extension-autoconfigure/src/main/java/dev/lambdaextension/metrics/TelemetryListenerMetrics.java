package dev.lambdaextension.metrics;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToLongFunction;

import dev.lambdaextension.listener.TelemetryListenerDescriptor;
import dev.lambdaextension.listener.TelemetryListenerRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.util.Assert;

/**
 * Registers the loss counters of every asynchronous telemetry listener, tagged with its
 * id: the events dropped because its queue was full ({@code reason=overflow}) and those
 * its queue still held, or that were still running, when the shutdown drain ended
 * ({@code reason=shutdown}). The counters read the listener registry, so they agree with
 * the endpoint. Registered once the context is refreshed, when every
 * {@code @TelemetryListener} method and configurer has registered its listener; a
 * listener registered later gets no counters. Synchronous listeners lose nothing on
 * their own: their losses are the pipeline's ({@code lambda.extension.telemetry.dropped}).
 *
 * @since 0.1.0
 */
public class TelemetryListenerMetrics implements ApplicationListener<ContextRefreshedEvent> {

	private static final String DROPPED = "Events an asynchronous telemetry listener never received";

	private final TelemetryListenerRegistry listeners;

	private final MeterRegistry registry;

	private final AtomicBoolean registered = new AtomicBoolean();

	/**
	 * Create the counters of the given listeners, registered with the context refresh.
	 * @param listeners the listener registry
	 * @param registry the meter registry
	 */
	public TelemetryListenerMetrics(TelemetryListenerRegistry listeners, MeterRegistry registry) {
		Assert.notNull(listeners, "'listeners' must not be null");
		Assert.notNull(registry, "'registry' must not be null");
		this.listeners = listeners;
		this.registry = registry;
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		register();
	}

	/**
	 * Register the counters of the asynchronous listeners registered so far; does nothing
	 * the second time.
	 */
	public void register() {
		if (!this.registered.compareAndSet(false, true)) {
			return;
		}
		for (TelemetryListenerDescriptor listener : this.listeners.listeners()) {
			if (listener.async()) {
				counter(listener.id(), "overflow", TelemetryListenerDescriptor::droppedEvents);
				counter(listener.id(), "shutdown", TelemetryListenerDescriptor::undeliveredEvents);
			}
		}
	}

	private void counter(String id, String reason, ToLongFunction<TelemetryListenerDescriptor> count) {
		FunctionCounter.builder(LambdaExtensionMetrics.PREFIX + "telemetry.listener.dropped", this.listeners,
				(listeners) -> {
					TelemetryListenerDescriptor listener = listeners.getListener(id);
					return (listener != null) ? count.applyAsLong(listener) : 0;
				})
			.description(DROPPED)
			.baseUnit("events")
			.tag("listener", id)
			.tag("reason", reason)
			.register(this.registry);
	}

}
