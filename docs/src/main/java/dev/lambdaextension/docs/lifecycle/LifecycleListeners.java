package dev.lambdaextension.docs.lifecycle;

import java.util.concurrent.ConcurrentLinkedQueue;

import dev.lambdaextension.lifecycle.ExtensionInvocationCompletedEvent;
import dev.lambdaextension.lifecycle.ExtensionInvokeEvent;
import dev.lambdaextension.lifecycle.ExtensionRegisteredEvent;
import dev.lambdaextension.lifecycle.ExtensionShutdownCompletedEvent;
import dev.lambdaextension.lifecycle.ExtensionShutdownEvent;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Lifecycle events as ordinary application events.
 */
// tag::events[]
@Component
public class LifecycleListeners {

	private final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();

	@EventListener
	public void onRegistered(ExtensionRegisteredEvent event) {
		// Init is not over until this returns: load configuration, open connections.
		this.pending.add("registered for " + event.functionName());
	}

	@EventListener
	public void onInvoke(ExtensionInvokeEvent event) {
		// Runs before the next event/next: keep it short, it is billed.
		this.pending.add("invoked " + event.requestId());
	}

	@EventListener
	public void onInvocationCompleted(ExtensionInvocationCompletedEvent event) {
		// The function has finished and its telemetry up to platform.runtimeDone was
		// delivered: flush what this invocation gathered. Still billed, so keep it short.
		this.pending.add("completed " + event.requestId());
	}

	@EventListener
	public void onShutdown(ExtensionShutdownEvent event) {
		// Telemetry is still coming (the last platform.report among it): do not flush yet.
		this.pending.add("shutting down: " + event.reason());
	}

	@EventListener
	public void onShutdownCompleted(ExtensionShutdownCompletedEvent event) {
		// Every telemetry event Lambda sent has been delivered: flush exporters now,
		// quickly; the process exits right after.
		this.pending.clear();
	}

}
// end::events[]
