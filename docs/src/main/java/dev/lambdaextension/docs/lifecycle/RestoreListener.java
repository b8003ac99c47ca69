package dev.lambdaextension.docs.lifecycle;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import dev.lambdaextension.lifecycle.ExtensionRestoredEvent;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reacting to a SnapStart restore.
 */
// tag::restored[]
@Component
public class RestoreListener {

	private final AtomicReference<Duration> lastRestore = new AtomicReference<>();

	@EventListener
	public void onRestored(ExtensionRestoredEvent event) {
		// Connections opened during Init did not survive the snapshot: open them again.
		// Runs on the telemetry dispatch thread, shortly after the first INVOKE.
		Duration took = event.duration();
		this.lastRestore.set((took != null) ? took : Duration.ZERO);
	}

	public Duration lastRestore() {
		return this.lastRestore.get();
	}

}
// end::restored[]
