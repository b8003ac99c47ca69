package dev.lambdaextension.client;

/**
 * Lifecycle events an extension can register for.
 *
 * @since 0.1.0
 */
public enum LifecycleEventType {

	/**
	 * The function is invoked.
	 */
	INVOKE,

	/**
	 * The execution environment is shutting down.
	 */
	SHUTDOWN

}
