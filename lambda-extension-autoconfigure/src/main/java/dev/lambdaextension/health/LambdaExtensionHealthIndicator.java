package dev.lambdaextension.health;

import dev.lambdaextension.client.RegisterResponse;
import dev.lambdaextension.client.TelemetrySubscription;
import dev.lambdaextension.lifecycle.ExtensionState;
import dev.lambdaextension.status.ExtensionStatus;
import dev.lambdaextension.status.ExtensionStatus.DispatchStatus;
import dev.lambdaextension.telemetry.receiver.ReceiverStats;
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

	private final ExtensionStatus status;

	/**
	 * Create an indicator.
	 * @param status the view of the extension it reports on
	 */
	public LambdaExtensionHealthIndicator(ExtensionStatus status) {
		super("Lambda extension health check failed");
		Assert.notNull(status, "'status' must not be null");
		this.status = status;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		ExtensionState state = this.status.state();
		TelemetrySubscription subscription = this.status.subscription();
		builder.status(statusOf(state, subscription != null)).withDetail("state", state);
		RegisterResponse registration = this.status.registration();
		if (registration != null) {
			builder.withDetail("extensionId", registration.extensionId());
			detailIfPresent(builder, "functionName", registration.functionName());
			detailIfPresent(builder, "functionVersion", registration.functionVersion());
		}
		detailIfPresent(builder, "lastEventTime", this.status.lastEventTime());
		if (this.status.telemetryConfigured()) {
			builder.withDetail("telemetrySubscribed", subscription != null);
			detailIfPresent(builder, "telemetryApi", (subscription != null) ? this.status.subscriptionApi() : null);
			detailIfPresent(builder, "telemetrySchemaVersion",
					(subscription != null) ? subscription.schemaVersion() : null);
		}
		DispatchStatus dispatch = this.status.dispatch();
		if (dispatch != null) {
			builder.withDetail("queueDepth", dispatch.stats().queueDepth())
				.withDetail("droppedEvents", dispatch.stats().droppedEvents() + dispatch.stats().undeliveredEvents());
		}
		ReceiverStats receiverStats = this.status.receiverStats();
		if (receiverStats != null) {
			builder.withDetail("malformedEvents", receiverStats.malformedEvents());
		}
		detailIfPresent(builder, "listenerFailures", this.status.listenerFailures());
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
