package dev.lambdaextension.docs.lifecycle;

import java.util.concurrent.ConcurrentLinkedQueue;

import dev.lambdaextension.lifecycle.ExtensionInvokeEvent;
import dev.lambdaextension.lifecycle.ExtensionRegisteredEvent;
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
	public void onShutdown(ExtensionShutdownEvent event) {
		// Flush before event.deadline(); the process exits right after.
		this.pending.clear();
	}

}
// end::events[]
