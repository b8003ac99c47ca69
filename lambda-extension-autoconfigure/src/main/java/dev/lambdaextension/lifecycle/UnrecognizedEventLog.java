package dev.lambdaextension.lifecycle;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.lambdaextension.client.UnrecognizedEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs the events {@code event/next} returns that the {@link ExtensionEventLoop} does not
 * recognise: the first of each event type at WARN, the others at DEBUG.
 */
final class UnrecognizedEventLog {

	private static final Log logger = LogFactory.getLog(ExtensionEventLoop.class);

	private final Set<String> reported = ConcurrentHashMap.newKeySet();

	void log(UnrecognizedEvent event) {
		String description = "event/next returned " + ((event.eventType() != null) ? "event type " + event.eventType()
				: "an unreadable event") + " (" + event.problem() + "); asking for the next event";
		if (this.reported.add(String.valueOf(event.eventType()))) {
			logger.warn(description);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(description);
		}
	}

}
