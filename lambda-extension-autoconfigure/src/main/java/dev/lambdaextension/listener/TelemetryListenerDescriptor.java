package dev.lambdaextension.listener;

import java.util.Set;

/**
 * Description of a registered {@code @TelemetryListener}, for observability.
 *
 * @param id the listener id
 * @param beanName the name of the bean declaring the method
 * @param method the method, as {@code name(ParameterType)}
 * @param types the event types received; empty for every type
 * @param batch whether the listener receives whole batches
 * @param invocations how many times the method was invoked
 * @param failures how many invocations threw an exception
 * @since 0.1.0
 */
public record TelemetryListenerDescriptor(String id, String beanName, String method, Set<String> types, boolean batch,
		long invocations, long failures) {

}
