package dev.lambdaextension.lifecycle;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import dev.lambdaextension.client.InvokeEvent;
import dev.lambdaextension.client.NextEvent;
import dev.lambdaextension.client.RegisterResponse;
import dev.lambdaextension.client.TelemetrySubscription;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Calls several {@link ExtensionObserver}s, isolating their failures.
 */
final class CompositeExtensionObserver implements ExtensionObserver {

	private static final Log logger = LogFactory.getLog(ExtensionObserver.class);

	private final List<ExtensionObserver> observers;

	CompositeExtensionObserver(List<ExtensionObserver> observers) {
		this.observers = observers;
	}

	@Override
	public void registered(RegisterResponse registration) {
		each((observer) -> observer.registered(registration));
	}

	@Override
	public void subscribed(TelemetrySubscription subscription) {
		each((observer) -> observer.subscribed(subscription));
	}

	@Override
	public void firstNext() {
		each(ExtensionObserver::firstNext);
	}

	@Override
	public void eventReceived(NextEvent event, Duration waited) {
		each((observer) -> observer.eventReceived(event, waited));
	}

	@Override
	public void invokeHandled(InvokeEvent invoke, Duration took) {
		each((observer) -> observer.invokeHandled(invoke, took));
	}

	@Override
	public void failed(Throwable failure) {
		each((observer) -> observer.failed(failure));
	}

	private void each(Consumer<ExtensionObserver> callback) {
		for (ExtensionObserver observer : this.observers) {
			try {
				callback.accept(observer);
			}
			catch (RuntimeException ex) {
				logger.warn("Extension observer " + observer.getClass().getName() + " failed", ex);
			}
		}
	}

}
