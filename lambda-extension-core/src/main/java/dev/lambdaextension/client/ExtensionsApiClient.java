package dev.lambdaextension.client;

import java.util.Set;

/**
 * Client of the Lambda Extensions API ({@code /2020-01-01/extension}).
 *
 * @since 0.1.0
 */
public interface ExtensionsApiClient {

	/**
	 * Register the extension.
	 * @param name the extension name: for an external extension, the file name of its
	 * launcher
	 * @param events the events to receive
	 * @param acceptAccountId whether to ask for the function's account id
	 * @return the registration
	 * @throws ExtensionsApiException if Lambda refuses or cannot be reached
	 */
	RegisterResponse register(String name, Set<LifecycleEventType> events, boolean acceptAccountId);

	/**
	 * Wait for the next event: a long poll with no read timeout. Calling it also tells
	 * Lambda that the extension is done with the current phase.
	 * @param extensionId the identifier from {@link #register}
	 * @return the event
	 * @throws ExtensionsApiException if Lambda answers an error or cannot be reached
	 */
	NextEvent next(String extensionId);

	/**
	 * Report a failure during initialisation; the extension must exit afterwards.
	 * @param extensionId the identifier
	 * @param error the error
	 */
	void initError(String extensionId, ExtensionError error);

	/**
	 * Report a failure before exiting.
	 * @param extensionId the identifier
	 * @param error the error
	 */
	void exitError(String extensionId, ExtensionError error);

	/**
	 * Abort the calls in progress, such as a parked {@link #next}: they fail with an
	 * {@link ExtensionsApiException}. Used when the extension stops.
	 */
	default void abortCalls() {
	}

}
