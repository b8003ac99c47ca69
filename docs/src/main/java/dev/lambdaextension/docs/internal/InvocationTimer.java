package dev.lambdaextension.docs.internal;

import dev.lambdaextension.lifecycle.ExtensionInvokeEvent;
import dev.lambdaextension.telemetry.PlatformRuntimeDone;
import dev.lambdaextension.telemetry.TelemetryListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Internal extensions: the same listeners as in an external extension.
 */
// tag::listeners[]
@Component
public class InvocationTimer {

	private static final Log logger = LogFactory.getLog(InvocationTimer.class);

	@EventListener
	public void onInvoke(ExtensionInvokeEvent invoke) {
		logger.debug("Invocation " + invoke.requestId() + " started");
	}

	@TelemetryListener
	public void onRuntimeDone(PlatformRuntimeDone done) {
		logger.info("Invocation " + done.requestId() + " finished: " + done.status());
	}

}
// end::listeners[]
