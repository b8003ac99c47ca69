package dev.lambdaextension.actuate.endpoint;

import java.time.Instant;
import java.util.List;

import dev.lambdaextension.client.RegisterResponse;
import dev.lambdaextension.client.TelemetrySubscription;
import dev.lambdaextension.lifecycle.ExtensionEventHistory;
import dev.lambdaextension.lifecycle.ExtensionState;
import dev.lambdaextension.listener.TelemetryListenerDescriptor;
import dev.lambdaextension.status.ExtensionStatus;
import dev.lambdaextension.status.ExtensionStatus.DispatchStatus;
import dev.lambdaextension.telemetry.dispatch.DispatcherStats;
import dev.lambdaextension.telemetry.dispatch.OverflowStrategy;
import dev.lambdaextension.telemetry.receiver.ReceiverStats;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.util.Assert;

/**
 * {@link Endpoint @Endpoint} describing the Lambda extension: its registration, the
 * Telemetry API (or Logs API) subscription, the telemetry listeners with their counts, the state of
 * the receiver and of the dispatch queue, and the recent lifecycle events. Read-only;
 * never exposes payloads.
 *
 * @since 0.1.0
 */
@Endpoint(id = "lambdaextension")
public class LambdaExtensionEndpoint {

	private final ExtensionStatus status;

	/**
	 * Create an endpoint.
	 * @param status the view of the extension it describes
	 */
	public LambdaExtensionEndpoint(ExtensionStatus status) {
		Assert.notNull(status, "'status' must not be null");
		this.status = status;
	}

	/**
	 * Describe the extension.
	 * @return the description
	 */
	@ReadOperation
	public LambdaExtensionDescriptor extension() {
		RegisterResponse registration = this.status.registration();
		TelemetrySubscription subscription = this.status.subscription();
		String api = this.status.subscriptionApi();
		ReceiverStats receiverStats = this.status.receiverStats();
		DispatchStatus dispatch = this.status.dispatch();
		return new LambdaExtensionDescriptor(this.status.state(),
				(registration != null) ? RegistrationDescriptor.of(registration) : null,
				(subscription != null && api != null)
						? SubscriptionDescriptor.of(api, subscription, this.status.platformAddedForBarrier()) : null,
				this.status.listeners(),
				(receiverStats != null) ? ReceiverDescriptor.of(this.status.receiverPort(), receiverStats) : null,
				(dispatch != null) ? DispatchDescriptor.of(dispatch) : null,
				this.status.recentEvents().stream().map(EventDescriptor::of).toList());
	}

	/**
	 * Description of the extension.
	 *
	 * @param state the state of the event loop
	 * @param registration the registration, once registered
	 * @param subscription the accepted Telemetry API or Logs API subscription, if subscribed
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
	 * Description of the telemetry subscription.
	 *
	 * @param api the API subscribed through: {@code Telemetry API} or {@code Logs API}
	 * @param types the subscribed streams
	 * @param schemaVersion the schema version Lambda accepted
	 * @param buffering the buffering Lambda applies
	 * @param destination the address Lambda posts batches to
	 * @param platformForBarrierOnly whether the {@code platform} stream is subscribed only
	 * for the freeze barrier, its events reaching no listener
	 */
	public record SubscriptionDescriptor(String api, List<String> types, String schemaVersion,
			BufferingDescriptor buffering, String destination, boolean platformForBarrierOnly) {

		static SubscriptionDescriptor of(String api, TelemetrySubscription subscription,
				boolean platformForBarrierOnly) {
			return new SubscriptionDescriptor(api, subscription.types(), subscription.schemaVersion(),
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

		static ReceiverDescriptor of(@Nullable Integer port, ReceiverStats stats) {
			return new ReceiverDescriptor(port != null, port, stats.batchesReceived(), stats.eventsReceived(),
					stats.malformedEvents(), stats.rejectedBodies(), stats.refusedBatches());
		}

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

		static DispatchDescriptor of(DispatchStatus dispatch) {
			DispatcherStats stats = dispatch.stats();
			return new DispatchDescriptor(dispatch.capacity(), dispatch.overflowStrategy(), dispatch.accepting(),
					stats.queueDepth(),
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
