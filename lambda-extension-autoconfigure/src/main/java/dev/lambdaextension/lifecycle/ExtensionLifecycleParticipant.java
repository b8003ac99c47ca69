package dev.lambdaextension.lifecycle;

import dev.lambdaextension.client.InvokeEvent;
import dev.lambdaextension.client.RegisterResponse;
import dev.lambdaextension.client.ShutdownEvent;

/**
 * A component that takes part in the extension's phases, called by the
 * {@link ExtensionEventLoop} on its own thread, in {@link org.springframework.core.Ordered
 * order}. The telemetry support uses it to subscribe during Init, to hold the freeze
 * barrier after an invocation and to drain on {@code SHUTDOWN}.
 *
 * @since 0.1.0
 */
public interface ExtensionLifecycleParticipant {

	/**
	 * Called after registration and before the first {@code event/next}. An exception
	 * fails Init and is reported through {@code init/error}.
	 * @param registration the registration
	 */
	default void registered(RegisterResponse registration) {
	}

	/**
	 * Called after the {@code INVOKE} listeners have returned, before {@code event/next}.
	 * @param invoke the invocation
	 */
	default void invoked(InvokeEvent invoke) {
	}

	/**
	 * Called after the {@code SHUTDOWN} listeners have returned, before the context is
	 * closed. Must return before the event's deadline.
	 * @param shutdown the shutdown event
	 */
	default void shuttingDown(ShutdownEvent shutdown) {
	}

}
