package dev.lambdaextension.client;

import java.util.Objects;

/**
 * {@link TelemetryApiClient} that subscribes through the legacy Logs API instead: each
 * {@link TelemetrySubscription} is sent as the {@link LogsSubscription} with the same
 * schema version, types, buffering and destination. Whatever drives a Telemetry API
 * subscription (start the receiver, retry, fall back) then drives a Logs API one
 * unchanged.
 *
 * @since 0.2.0
 */
public class LogsApiTelemetryClient implements TelemetryApiClient {

	private final LogsApiClient client;

	private final LogsSubscription.DeliveryMethod method;

	/**
	 * Create a client.
	 * @param client the Logs API client
	 * @param method the HTTP method Lambda delivers with
	 */
	public LogsApiTelemetryClient(LogsApiClient client, LogsSubscription.DeliveryMethod method) {
		this.client = Objects.requireNonNull(client, "'client' must not be null");
		this.method = Objects.requireNonNull(method, "'method' must not be null");
	}

	/**
	 * {@inheritDoc}
	 * @throws IllegalArgumentException if the subscription is outside what the Logs API
	 * accepts, see {@link LogsApiLimits}
	 */
	@Override
	public SubscriptionOutcome subscribe(String extensionId, TelemetrySubscription subscription) {
		return this.client.subscribe(extensionId,
				new LogsSubscription(subscription.schemaVersion(), subscription.types(), subscription.maxItems(),
						subscription.maxBytes(), subscription.timeoutMs(), subscription.destination(), this.method));
	}

	@Override
	public String apiName() {
		return "Logs API";
	}

}
