package dev.lambdaextension.listener;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Description of a registered telemetry listener, for observability.
 *
 * @param id the listener id
 * @param beanName the name of the bean declaring the method; {@code null} for a listener
 * registered in code
 * @param method the method, as {@code name(ParameterType)}; {@code null} for a listener
 * registered in code
 * @param types the event types received; empty for every type
 * @param batch whether the listener receives whole batches
 * @param running whether the listener receives events now
 * @param invocations how many times the method was invoked
 * @param failures how many invocations threw an exception
 * @param async whether the listener receives events on a thread of its own
 * @param droppedEvents events an asynchronous listener lost because its queue was full
 * @param undeliveredEvents events an asynchronous listener still had queued or in hand
 * when its queue was drained at shutdown; a call still running at the drain's deadline is
 * interrupted and counted here even if it completes afterwards
 * @since 0.1.0
 */
public record TelemetryListenerDescriptor(String id, @Nullable String beanName, @Nullable String method,
		Set<String> types, boolean batch, boolean running,
		long invocations, long failures, boolean async, long droppedEvents, long undeliveredEvents) {

}
