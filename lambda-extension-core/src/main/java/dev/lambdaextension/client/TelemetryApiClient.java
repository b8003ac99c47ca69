package dev.lambdaextension.client;

/**
 * Client of the Lambda Telemetry API ({@code /2022-07-01/telemetry}).
 *
 * @since 0.1.0
 */
public interface TelemetryApiClient {

	/**
	 * Subscribe to telemetry. Must be called after registration and before the first
	 * {@code next}.
	 * @param extensionId the identifier from registration
	 * @param subscription the subscription
	 * @return how Lambda answered
	 * @throws ExtensionsApiException if Lambda refuses the subscription or cannot be
	 * reached
	 */
	SubscriptionOutcome subscribe(String extensionId, TelemetrySubscription subscription);

	/**
	 * Return the name of the API this client subscribes through, for messages.
	 * @return the name, {@code Telemetry API} unless overridden
	 */
	default String apiName() {
		return "Telemetry API";
	}

}
