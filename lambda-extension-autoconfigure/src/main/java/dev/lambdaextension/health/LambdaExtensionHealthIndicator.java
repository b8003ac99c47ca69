package dev.lambdaextension.health;

import dev.lambdaextension.client.RegisterResponse;
import dev.lambdaextension.client.TelemetrySubscription;
import dev.lambdaextension.lifecycle.ExtensionEventHistory;
import dev.lambdaextension.lifecycle.ExtensionEventLoop;
import dev.lambdaextension.lifecycle.ExtensionState;
import dev.lambdaextension.lifecycle.TelemetrySubscriber;
import dev.lambdaextension.listener.TelemetryListenerDescriptor;
import dev.lambdaextension.listener.TelemetryListenerRegistry;
import dev.lambdaextension.telemetry.dispatch.DispatcherStats;
import dev.lambdaextension.telemetry.dispatch.TelemetryDispatcher;
import dev.lambdaextension.telemetry.receiver.TelemetryReceiver;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.Assert;

/**
 * {@link org.springframework.boot.health.contributor.HealthIndicator} of the Lambda
 * extension. It is {@code UP} once the extension is registered and polling for events,
 * which happens only after the Telemetry API subscription, if any, succeeded;
 * {@code UNKNOWN} while registered but still initialising; {@code DOWN} before
 * registration and after a failure of the event loop; {@code OUT_OF_SERVICE} while and
 * after handling {@code SHUTDOWN}.
 * <p>
 * Details: the state, the extension id, the function's name and version, the time of
 * the last lifecycle event, whether telemetry is subscribed, the dispatch queue depth
 * and the counts of dropped and malformed events and of listener failures. Never a
 * payload.
 *
 * @since 0.1.0
 */
public class LambdaExtensionHealthIndicator extends AbstractHealthIndicator {

	private final ExtensionEventLoop loop;

	private final @Nullable ExtensionEventHistory history;

	private final @Nullable TelemetrySubscriber subscriber;

	private final @Nullable TelemetryReceiver receiver;

	private final @Nullable TelemetryDispatcher dispatcher;

	private final @Nullable TelemetryListenerRegistry listeners;

	/**
	 * Create an indicator.
	 * @param loop the event loop
	 * @param history the recent lifecycle events, if recorded
	 * @param subscriber the telemetry subscriber, if telemetry is configured
	 * @param receiver the telemetry receiver, if telemetry is configured
	 * @param dispatcher the telemetry dispatcher, if telemetry is configured
	 * @param listeners the telemetry listeners, if telemetry is configured
	 */
	public LambdaExtensionHealthIndicator(ExtensionEventLoop loop, @Nullable ExtensionEventHistory history,
			@Nullable TelemetrySubscriber subscriber, @Nullable TelemetryReceiver receiver,
			@Nullable TelemetryDispatcher dispatcher, @Nullable TelemetryListenerRegistry listeners) {
		super("Lambda extension health check failed");
		Assert.notNull(loop, "'loop' must not be null");
		this.loop = loop;
		this.history = history;
		this.subscriber = subscriber;
		this.receiver = receiver;
		this.dispatcher = dispatcher;
		this.listeners = listeners;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		TelemetrySubscriber subscriber = this.subscriber;
		ExtensionState state = this.loop.getState();
		boolean subscribed = subscriber != null && subscriber.getSubscription() != null;
		builder.status(statusOf(state, subscribed)).withDetail("state", state);
		RegisterResponse registration = this.loop.getRegistration();
		if (registration != null) {
			builder.withDetail("extensionId", registration.extensionId());
			detailIfPresent(builder, "functionName", registration.functionName());
			detailIfPresent(builder, "functionVersion", registration.functionVersion());
		}
		ExtensionEventHistory history = this.history;
		detailIfPresent(builder, "lastEventTime", (history != null) ? history.getLastEventTime() : null);
		if (subscriber != null) {
			builder.withDetail("telemetrySubscribed", subscribed);
			TelemetrySubscription subscription = subscriber.getSubscription();
			detailIfPresent(builder, "telemetrySchemaVersion",
					(subscription != null) ? subscription.schemaVersion() : null);
		}
		TelemetryDispatcher dispatcher = this.dispatcher;
		if (dispatcher != null) {
			DispatcherStats stats = dispatcher.getStats();
			builder.withDetail("queueDepth", stats.queueDepth())
				.withDetail("droppedEvents", stats.droppedEvents() + stats.undeliveredEvents());
		}
		TelemetryReceiver receiver = this.receiver;
		if (receiver != null) {
			builder.withDetail("malformedEvents", receiver.getStats().malformedEvents());
		}
		TelemetryListenerRegistry listeners = this.listeners;
		if (listeners != null) {
			long failures = 0;
			for (TelemetryListenerDescriptor listener : listeners.listeners()) {
				failures += listener.failures();
			}
			builder.withDetail("listenerFailures", failures);
		}
	}

	private Status statusOf(ExtensionState state, boolean subscribed) {
		return switch (state) {
			case RUNNING -> Status.UP;
			case REGISTERED -> subscribed ? Status.UP : Status.UNKNOWN;
			case SHUTTING_DOWN, STOPPED -> Status.OUT_OF_SERVICE;
			case NEW, FAILED -> Status.DOWN;
		};
	}

	private static void detailIfPresent(Health.Builder builder, String key, @Nullable Object value) {
		if (value != null) {
			builder.withDetail(key, value);
		}
	}

}
