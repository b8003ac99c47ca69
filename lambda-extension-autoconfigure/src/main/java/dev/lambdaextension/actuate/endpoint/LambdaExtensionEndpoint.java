package dev.lambdaextension.actuate.endpoint;

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

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.util.Assert;

/**
 * {@link Endpoint @Endpoint} describing the Lambda extension: its registration, the
 * Telemetry API subscription, the telemetry listeners with their counts, the state of
 * the receiver and of the dispatch queue, and the recent lifecycle events. Read-only;
 * never exposes payloads.
 *
 * @since 0.1.0
 */
@Endpoint(id = "lambdaextension")
public class LambdaExtensionEndpoint {

	private final ExtensionEventLoop loop;

	private final @Nullable ExtensionEventHistory history;

	private final @Nullable TelemetrySubscriber subscriber;

	private final @Nullable TelemetryReceiver receiver;

	private final @Nullable TelemetryDispatcher dispatcher;

	private final @Nullable TelemetryListenerRegistry listeners;

	/**
	 * Create an endpoint.
	 * @param loop the event loop
	 * @param history the recent lifecycle events, if recorded
	 * @param subscriber the telemetry subscriber, if telemetry is configured
	 * @param receiver the telemetry receiver, if telemetry is configured
	 * @param dispatcher the telemetry dispatcher, if telemetry is configured
	 * @param listeners the telemetry listeners, if telemetry is configured
	 */
	public LambdaExtensionEndpoint(ExtensionEventLoop loop, @Nullable ExtensionEventHistory history,
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
	 * Describe the extension.
	 * @return the description
	 */
	@ReadOperation
	public LambdaExtensionDescriptor extension() {
		RegisterResponse registration = this.loop.getRegistration();
		TelemetrySubscriber subscriber = this.subscriber;
		TelemetrySubscription subscription = (subscriber != null) ? subscriber.getSubscription() : null;
		TelemetryListenerRegistry listeners = this.listeners;
		TelemetryReceiver receiver = this.receiver;
		TelemetryDispatcher dispatcher = this.dispatcher;
		ExtensionEventHistory history = this.history;
		return new LambdaExtensionDescriptor(this.loop.getState(),
				(registration != null) ? RegistrationDescriptor.of(registration) : null,
				(subscriber != null && subscription != null)
						? SubscriptionDescriptor.of(subscription, subscriber.isPlatformAddedForBarrier()) : null,
				(listeners != null) ? listeners.listeners() : List.of(),
				(receiver != null) ? receiver(receiver) : null,
				(dispatcher != null) ? DispatchDescriptor.of(dispatcher) : null,
				(history != null) ? history.entries().stream().map(EventDescriptor::of).toList() : List.of());
	}

	private static ReceiverDescriptor receiver(TelemetryReceiver receiver) {
		Integer port = null;
		if (receiver.isRunning()) {
			try {
				port = receiver.getPort();
			}
			catch (IllegalStateException ex) {
				port = null;
			}
		}
		ReceiverStats stats = receiver.getStats();
		return new ReceiverDescriptor(port != null, port, stats.batchesReceived(), stats.eventsReceived(),
				stats.malformedEvents(), stats.rejectedBodies(), stats.refusedBatches());
	}

	/**
	 * Description of the extension.
	 *
	 * @param state the state of the event loop
	 * @param registration the registration, once registered
	 * @param subscription the accepted Telemetry API subscription, if subscribed
	 * @param listeners the telemetry listeners, in registration order
	 * @param receiver the telemetry receiver, if telemetry is configured
	 * @param dispatch the dispatch queue, if telemetry is configured
	 * @param recentEvents the recent lifecycle events, oldest first
	 */
	public record LambdaExtensionDescriptor(ExtensionState state, @Nullable RegistrationDescriptor registration,
			@Nullable SubscriptionDescriptor subscription, List<TelemetryListenerDescriptor> listeners,
			@Nullable ReceiverDescriptor receiver, @Nullable DispatchDescriptor dispatch,
			List<EventDescriptor> recentEvents) implements OperationResponseBody {

	}

	/**
	 * Description of the registration.
	 *
	 * @param extensionId the extension id
	 * @param functionName the function name, if known
	 * @param functionVersion the function version, if known
	 * @param handler the function handler, if known
	 */
	public record RegistrationDescriptor(String extensionId, @Nullable String functionName,
			@Nullable String functionVersion, @Nullable String handler) {

		static RegistrationDescriptor of(RegisterResponse registration) {
			return new RegistrationDescriptor(registration.extensionId(), registration.functionName(),
					registration.functionVersion(), registration.handler());
		}

	}

	/**
	 * Description of the Telemetry API subscription.
	 *
	 * @param types the subscribed streams
	 * @param schemaVersion the schema version Lambda accepted
	 * @param buffering the buffering Lambda applies
	 * @param destination the address Lambda posts batches to
	 * @param platformForBarrierOnly whether the {@code platform} stream is subscribed only
	 * for the freeze barrier, its events reaching no listener
	 */
	public record SubscriptionDescriptor(List<String> types, String schemaVersion, BufferingDescriptor buffering,
			String destination, boolean platformForBarrierOnly) {

		static SubscriptionDescriptor of(TelemetrySubscription subscription, boolean platformForBarrierOnly) {
			return new SubscriptionDescriptor(subscription.types(), subscription.schemaVersion(),
					new BufferingDescriptor(subscription.maxItems(), subscription.maxBytes(), subscription.timeoutMs()),
					subscription.destination().toString(), platformForBarrierOnly);
		}

	}

	/**
	 * Description of the buffering of a subscription.
	 *
	 * @param maxItems the most events buffered before a delivery
	 * @param maxBytes the most bytes buffered before a delivery
	 * @param timeoutMs the longest time, in milliseconds, buffered before a delivery
	 */
	public record BufferingDescriptor(int maxItems, long maxBytes, long timeoutMs) {

	}

	/**
	 * Description of the telemetry receiver.
	 *
	 * @param running whether it is listening
	 * @param port the port it listens on, while running
	 * @param batchesReceived deliveries parsed
	 * @param eventsReceived events parsed
	 * @param malformedEvents elements that could not be read as an event
	 * @param rejectedBodies requests refused before parsing or as a whole
	 * @param refusedBatches batches the dispatch queue refused, for Lambda to resend
	 */
	public record ReceiverDescriptor(boolean running, @Nullable Integer port, long batchesReceived,
			long eventsReceived, long malformedEvents, long rejectedBodies, long refusedBatches) {

	}

	/**
	 * Description of the dispatch queue.
	 *
	 * @param capacity the capacity in events
	 * @param overflowStrategy what happens to a batch that does not fit
	 * @param accepting whether batches are accepted
	 * @param queueDepth events waiting
	 * @param acceptedEvents events accepted
	 * @param rejectedEvents events refused, for Lambda to resend
	 * @param droppedEvents events dropped because the queue was full
	 * @param dispatchedEvents events handed to the listeners
	 * @param undeliveredEvents accepted events abandoned at shutdown
	 * @param consumerFailures batches whose delivery failed
	 */
	public record DispatchDescriptor(int capacity, OverflowStrategy overflowStrategy, boolean accepting,
			int queueDepth, long acceptedEvents, long rejectedEvents, long droppedEvents, long dispatchedEvents,
			long undeliveredEvents, long consumerFailures) {

		static DispatchDescriptor of(TelemetryDispatcher dispatcher) {
			DispatcherStats stats = dispatcher.getStats();
			return new DispatchDescriptor(dispatcher.getOptions().getCapacity(),
					dispatcher.getOptions().getOverflowStrategy(), dispatcher.isAccepting(), stats.queueDepth(),
					stats.acceptedEvents(), stats.rejectedEvents(), stats.droppedEvents(), stats.dispatchedEvents(),
					stats.undeliveredEvents(), stats.consumerFailures());
		}

	}

	/**
	 * Description of a recent lifecycle event.
	 *
	 * @param time when it happened
	 * @param type what happened
	 * @param detail the request id, reason, streams or exception class, if any
	 */
	public record EventDescriptor(Instant time, ExtensionEventHistory.EntryType type, @Nullable String detail) {

		static EventDescriptor of(ExtensionEventHistory.Entry entry) {
			return new EventDescriptor(entry.time(), entry.type(), entry.detail());
		}

	}

}
