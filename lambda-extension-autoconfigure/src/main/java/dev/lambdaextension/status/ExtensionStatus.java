package dev.lambdaextension.status;

import java.time.Instant;
import java.util.List;

import dev.lambdaextension.client.RegisterResponse;
import dev.lambdaextension.client.TelemetrySubscription;
import dev.lambdaextension.lifecycle.ExtensionEventHistory;
import dev.lambdaextension.lifecycle.ExtensionEventLoop;
import dev.lambdaextension.lifecycle.ExtensionState;
import dev.lambdaextension.lifecycle.TelemetrySubscriber;
import dev.lambdaextension.listener.TelemetryListenerDescriptor;
import dev.lambdaextension.listener.TelemetryListenerRegistry;
import dev.lambdaextension.telemetry.dispatch.DispatcherStats;
import dev.lambdaextension.telemetry.dispatch.OverflowStrategy;
import dev.lambdaextension.telemetry.dispatch.TelemetryDispatcher;
import dev.lambdaextension.telemetry.receiver.ReceiverStats;
import dev.lambdaextension.telemetry.receiver.TelemetryReceiver;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Read-only view of a running extension: the lifecycle state, the registration, the recent lifecycle events,
 * and, when telemetry is configured, the subscription, the receiver, the dispatch queue and the listeners.
 * Each call reads the current values; nothing here exposes a payload.
 *
 * @since 0.1.0
 */
public final class ExtensionStatus {

	private final ExtensionEventLoop loop;

	private final @Nullable ExtensionEventHistory history;

	private final @Nullable TelemetrySubscriber subscriber;

	private final @Nullable TelemetryReceiver receiver;

	private final @Nullable TelemetryDispatcher dispatcher;

	private final @Nullable TelemetryListenerRegistry listeners;

	/**
	 * Create a view.
	 * @param loop the event loop
	 * @param history the recent lifecycle events, if recorded
	 * @param subscriber the telemetry subscriber, if telemetry is configured
	 * @param receiver the telemetry receiver, if telemetry is configured
	 * @param dispatcher the telemetry dispatcher, if telemetry is configured
	 * @param listeners the telemetry listeners, if telemetry is configured
	 */
	public ExtensionStatus(ExtensionEventLoop loop, @Nullable ExtensionEventHistory history,
			@Nullable TelemetrySubscriber subscriber, @Nullable TelemetryReceiver receiver,
			@Nullable TelemetryDispatcher dispatcher, @Nullable TelemetryListenerRegistry listeners) {
		Assert.notNull(loop, "'loop' must not be null");
		this.loop = loop;
		this.history = history;
		this.subscriber = subscriber;
		this.receiver = receiver;
		this.dispatcher = dispatcher;
		this.listeners = listeners;
	}

	/**
	 * Return the state of the event loop.
	 * @return the state
	 */
	public ExtensionState state() {
		return this.loop.getState();
	}

	/**
	 * Return the registration.
	 * @return the registration, or {@code null} before it succeeded
	 */
	public @Nullable RegisterResponse registration() {
		return this.loop.getRegistration();
	}

	/**
	 * Return the time of the last lifecycle event.
	 * @return the time, or {@code null} if no event is recorded
	 */
	public @Nullable Instant lastEventTime() {
		ExtensionEventHistory history = this.history;
		return (history != null) ? history.getLastEventTime() : null;
	}

	/**
	 * Return the recent lifecycle events, oldest first.
	 * @return the events; empty when none are recorded
	 */
	public List<ExtensionEventHistory.Entry> recentEvents() {
		ExtensionEventHistory history = this.history;
		return (history != null) ? history.entries() : List.of();
	}

	/**
	 * Return whether the extension subscribes to telemetry.
	 * @return whether telemetry is configured
	 */
	public boolean telemetryConfigured() {
		return this.subscriber != null;
	}

	/**
	 * Return the name of the API telemetry is subscribed through.
	 * @return {@code Telemetry API} or {@code Logs API}, or {@code null} without telemetry
	 */
	public @Nullable String subscriptionApi() {
		TelemetrySubscriber subscriber = this.subscriber;
		return (subscriber != null) ? subscriber.getApiName() : null;
	}

	/**
	 * Return the accepted Telemetry API (or Logs API) subscription.
	 * @return the subscription, or {@code null} if none was accepted (yet)
	 */
	public @Nullable TelemetrySubscription subscription() {
		TelemetrySubscriber subscriber = this.subscriber;
		return (subscriber != null) ? subscriber.getSubscription() : null;
	}

	/**
	 * Return whether the {@code platform} stream is subscribed only for the freeze barrier.
	 * @return whether no listener asked for {@code platform} events
	 */
	public boolean platformAddedForBarrier() {
		TelemetrySubscriber subscriber = this.subscriber;
		return subscriber != null && subscriber.isPlatformAddedForBarrier();
	}

	/**
	 * Return the receiver's port while it listens.
	 * @return the port, or {@code null} without a running receiver
	 */
	public @Nullable Integer receiverPort() {
		TelemetryReceiver receiver = this.receiver;
		if (receiver == null || !receiver.isRunning()) {
			return null;
		}
		try {
			return receiver.getPort();
		}
		catch (IllegalStateException ex) {
			return null;
		}
	}

	/**
	 * Return the receiver's counters.
	 * @return the counters, or {@code null} without a receiver
	 */
	public @Nullable ReceiverStats receiverStats() {
		TelemetryReceiver receiver = this.receiver;
		return (receiver != null) ? receiver.getStats() : null;
	}

	/**
	 * Return the dispatch queue's settings and counters.
	 * @return the queue, or {@code null} without a dispatcher
	 */
	public @Nullable DispatchStatus dispatch() {
		TelemetryDispatcher dispatcher = this.dispatcher;
		return (dispatcher != null) ? new DispatchStatus(dispatcher.getOptions().getCapacity(),
				dispatcher.getOptions().getOverflowStrategy(), dispatcher.isAccepting(), dispatcher.getStats())
				: null;
	}

	/**
	 * Return the telemetry listeners, in registration order.
	 * @return the listeners; empty without telemetry
	 */
	public List<TelemetryListenerDescriptor> listeners() {
		TelemetryListenerRegistry listeners = this.listeners;
		return (listeners != null) ? listeners.listeners() : List.of();
	}

	/**
	 * Return the failures of every listener together.
	 * @return the failures, or {@code null} without a listener registry
	 */
	public @Nullable Long listenerFailures() {
		if (this.listeners == null) {
			return null;
		}
		return listeners().stream().mapToLong(TelemetryListenerDescriptor::failures).sum();
	}

	/**
	 * The dispatch queue at one moment.
	 *
	 * @param capacity the capacity in events
	 * @param overflowStrategy what happens to a batch that does not fit
	 * @param accepting whether batches are accepted
	 * @param stats the counters
	 */
	public record DispatchStatus(int capacity, OverflowStrategy overflowStrategy, boolean accepting,
			DispatcherStats stats) {

	}

}
