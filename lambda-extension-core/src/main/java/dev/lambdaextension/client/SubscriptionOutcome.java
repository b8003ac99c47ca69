package dev.lambdaextension.client;

/**
 * How Lambda answered a successful Telemetry API or Logs API subscription call.
 *
 * @since 0.1.0
 */
public enum SubscriptionOutcome {

	/**
	 * Lambda will deliver telemetry (HTTP 200).
	 */
	SUBSCRIBED,

	/**
	 * The platform does not support the API (HTTP 202, as local emulators answer).
	 */
	NOT_SUPPORTED

}
