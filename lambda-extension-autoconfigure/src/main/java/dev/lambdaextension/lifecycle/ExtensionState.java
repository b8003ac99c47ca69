package dev.lambdaextension.lifecycle;

/**
 * States of the extension event loop.
 *
 * @since 0.1.0
 */
public enum ExtensionState {

	/**
	 * Not started.
	 */
	NEW,

	/**
	 * Registered with Lambda, initialising.
	 */
	REGISTERED,

	/**
	 * Polling for and handling events.
	 */
	RUNNING,

	/**
	 * Handling {@code SHUTDOWN}.
	 */
	SHUTTING_DOWN,

	/**
	 * Stopped after {@code SHUTDOWN} or by closing the context.
	 */
	STOPPED,

	/**
	 * Stopped by a failure.
	 */
	FAILED

}
