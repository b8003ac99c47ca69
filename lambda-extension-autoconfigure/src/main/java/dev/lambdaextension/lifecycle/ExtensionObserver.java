package dev.lambdaextension.lifecycle;

import java.time.Duration;
import java.util.List;

import dev.lambdaextension.client.InvokeEvent;
import dev.lambdaextension.client.NextEvent;
import dev.lambdaextension.client.RegisterResponse;
import dev.lambdaextension.client.TelemetrySubscription;

/**
 * Callbacks from the {@link ExtensionEventLoop} and the {@link TelemetrySubscriber} for
 * metrics, health and diagnostics. Every method does nothing by default.
 * <p>
 * Callbacks run on the loop's thread, between two {@code event/next} calls: they must
 * return quickly and must not block, or they delay the function's environment.
 *
 * @since 0.1.0
 * @see #composite(List)
 */
public interface ExtensionObserver {

	/**
	 * An observer that does nothing.
	 */
	ExtensionObserver NONE = new ExtensionObserver() {
	};

	/**
	 * Called once the registration is known, before the registered event is published.
	 * @param registration the registration
	 */
	default void registered(RegisterResponse registration) {
	}

	/**
	 * Called once Lambda accepted the Telemetry API subscription.
	 * @param subscription the accepted subscription
	 */
	default void subscribed(TelemetrySubscription subscription) {
	}

	/**
	 * Called once, just before the first {@code event/next} call, which ends the
	 * extension's part of Init.
	 */
	default void firstNext() {
	}

	/**
	 * Called for every event {@code event/next} returned.
	 * @param event the {@code INVOKE} or {@code SHUTDOWN} event
	 * @param waited how long the loop waited for it, retries included
	 */
	default void eventReceived(NextEvent event, Duration waited) {
	}

	/**
	 * Called after an {@code INVOKE} was handled, just before the next
	 * {@code event/next} call.
	 * @param invoke the invocation
	 * @param took the time from receiving the event until this call: the extension's
	 * share of the invocation's post-runtime duration
	 */
	default void invokeHandled(InvokeEvent invoke, Duration took) {
	}

	/**
	 * Called when the loop failed and the extension is about to exit.
	 * @param failure the failure
	 */
	default void failed(Throwable failure) {
	}

	/**
	 * Return an observer that calls each of the given observers in order, logging and
	 * ignoring any exception one of them throws.
	 * @param observers the observers
	 * @return {@link #NONE} when there is none, otherwise a composite
	 */
	static ExtensionObserver composite(List<? extends ExtensionObserver> observers) {
		if (observers.isEmpty()) {
			return NONE;
		}
		return new CompositeExtensionObserver(List.copyOf(observers));
	}

}
