package dev.lambdaextension.listener;

import java.util.List;
import java.util.Set;

import dev.lambdaextension.telemetry.TelemetryEvent;

/**
 * A telemetry listener as the {@link TelemetryListenerRegistry} sees it: which events it
 * takes, whether one at a time or as a batch, and how to hand them over.
 * {@link dev.lambdaextension.telemetry.TelemetryListener @TelemetryListener} methods
 * become {@link MethodTelemetryListenerEndpoint}s; a
 * {@link SimpleTelemetryListenerEndpoint} wraps a callback registered through a
 * {@link TelemetryListenerConfigurer}.
 *
 * @since 0.1.0
 */
public interface TelemetryListenerEndpoint {

	/**
	 * Return the id, unique among the registered listeners.
	 * @return the id
	 */
	String getId();

	/**
	 * Return a description for messages, such as the bean and method.
	 * @return the description
	 */
	String getDescription();

	/**
	 * Return the event types received, exactly as the Telemetry API writes them.
	 * @return the types, empty for every type the listener accepts
	 */
	Set<String> getTypes();

	/**
	 * Return whether the listener receives the accepted events of a batch in one call
	 * rather than one call per event.
	 * @return whether the listener receives batches
	 */
	boolean isBatch();

	/**
	 * Return whether an event is delivered to this listener.
	 * @param event the event
	 * @return whether the listener takes it
	 */
	boolean accepts(TelemetryEvent event);

	/**
	 * Return whether the listener receives events as soon as it is registered, rather
	 * than once {@link TelemetryListenerRegistry#start(String)} is called.
	 * @return whether the listener starts with the registry
	 */
	default boolean isAutoStartup() {
		return true;
	}

	/**
	 * Return the listener's place among the listeners of a batch: lower runs first,
	 * listeners of the same order run in registration order.
	 * @return the order, {@link Integer#MAX_VALUE} (last) unless overridden
	 */
	default int getOrder() {
		return Integer.MAX_VALUE;
	}

	/**
	 * Return whether the listener receives events on a thread of its own, through a
	 * bounded queue, rather than on the dispatch thread.
	 * @return whether the listener is asynchronous
	 */
	default boolean isAsync() {
		return false;
	}

	/**
	 * Return how many batches an {@link #isAsync() asynchronous} listener may have
	 * waiting before further ones are dropped.
	 * @return the queue capacity
	 */
	default int getQueueCapacity() {
		return 1024;
	}

	/**
	 * Deliver events, on the dispatch thread or, for an {@link #isAsync() asynchronous}
	 * listener, on its own thread.
	 * @param events the accepted events of one batch for a batch listener, else exactly
	 * one event
	 * @throws Exception what the listener threw; it goes to the listener's error handler
	 */
	void onEvents(List<TelemetryEvent> events) throws Exception;

}
