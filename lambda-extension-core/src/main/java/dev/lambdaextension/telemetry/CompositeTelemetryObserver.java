package dev.lambdaextension.telemetry;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;

/**
 * Calls several {@link TelemetryObserver}s, isolating their failures.
 */
final class CompositeTelemetryObserver implements TelemetryObserver {

	private static final System.Logger logger = System.getLogger(TelemetryObserver.class.getName());

	private final List<TelemetryObserver> observers;

	CompositeTelemetryObserver(List<TelemetryObserver> observers) {
		this.observers = observers;
	}

	@Override
	public void batchReceived(List<TelemetryEvent> events) {
		for (TelemetryObserver observer : this.observers) {
			try {
				observer.batchReceived(events);
			}
			catch (RuntimeException ex) {
				failed(observer, ex);
			}
		}
	}

	@Override
	public void eventsMalformed(int count) {
		for (TelemetryObserver observer : this.observers) {
			try {
				observer.eventsMalformed(count);
			}
			catch (RuntimeException ex) {
				failed(observer, ex);
			}
		}
	}

	@Override
	public void batchMalformed() {
		for (TelemetryObserver observer : this.observers) {
			try {
				observer.batchMalformed();
			}
			catch (RuntimeException ex) {
				failed(observer, ex);
			}
		}
	}

	@Override
	public void eventsRejected(int count) {
		for (TelemetryObserver observer : this.observers) {
			try {
				observer.eventsRejected(count);
			}
			catch (RuntimeException ex) {
				failed(observer, ex);
			}
		}
	}

	@Override
	public void eventsDropped(int count) {
		for (TelemetryObserver observer : this.observers) {
			try {
				observer.eventsDropped(count);
			}
			catch (RuntimeException ex) {
				failed(observer, ex);
			}
		}
	}

	@Override
	public void eventsUndelivered(long count) {
		for (TelemetryObserver observer : this.observers) {
			try {
				observer.eventsUndelivered(count);
			}
			catch (RuntimeException ex) {
				failed(observer, ex);
			}
		}
	}

	@Override
	public void batchDispatched(int count, Duration latency) {
		for (TelemetryObserver observer : this.observers) {
			try {
				observer.batchDispatched(count, latency);
			}
			catch (RuntimeException ex) {
				failed(observer, ex);
			}
		}
	}

	@Override
	public void listenerFailed(String listenerId, Throwable failure) {
		for (TelemetryObserver observer : this.observers) {
			try {
				observer.listenerFailed(listenerId, failure);
			}
			catch (RuntimeException ex) {
				failed(observer, ex);
			}
		}
	}

	private static void failed(TelemetryObserver observer, RuntimeException ex) {
		logger.log(Level.WARNING, "Telemetry observer " + observer.getClass().getName() + " failed", ex);
	}

}
