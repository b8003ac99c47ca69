package dev.lambdaextension.client;

/**
 * Client of the legacy Lambda Logs API ({@code /2020-08-15/logs}), which the Telemetry
 * API supersedes. An extension subscribes through one of the two APIs, never both.
 *
 * @since 0.2.0
 * @see TelemetryApiClient
 */
public interface LogsApiClient {

	/**
	 * Subscribe to logs. Must be called after registration and before the first
	 * {@code next}. Lambda treats a repeated identical subscription as a no-op.
	 * @param extensionId the identifier from registration
	 * @param subscription the subscription
	 * @return how Lambda answered
	 * @throws ExtensionsApiException if Lambda refuses the subscription or cannot be
	 * reached
	 */
	SubscriptionOutcome subscribe(String extensionId, LogsSubscription subscription);

}
