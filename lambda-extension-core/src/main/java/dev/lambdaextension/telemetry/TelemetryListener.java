package dev.lambdaextension.telemetry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method as a receiver of Lambda telemetry. The method takes one parameter:
 * a single {@link TelemetryEvent} (or a typed view such as {@link PlatformReport}, which
 * narrows the types it receives), or a {@code List} of them to receive whole batches.
 *
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TelemetryListener {

	/**
	 * Event types to receive, exactly as the Telemetry API writes them, for example
	 * {@code platform.report} or {@code function}, or a stream name such as
	 * {@code platform} for every type of that stream. Empty means every type the parameter
	 * accepts. Accepts property placeholders, resolving to one type or a comma-separated
	 * list. Checked at startup: a type that {@link TelemetryTypes} does not know fails it,
	 * unless {@code lambda.extension.telemetry.additional-types} lists it.
	 * @return the event types
	 */
	String[] types() default {};

	/**
	 * Unique id of the listener; generated when empty.
	 * @return the id
	 */
	String id() default "";

	/**
	 * Name of a {@code TelemetryListenerErrorHandler} bean for failures of this listener;
	 * the default handler when empty.
	 * @return the error handler bean name
	 */
	String errorHandler() default "";

	/**
	 * Whether the listener receives events from the start: {@code false} registers it
	 * stopped until {@code TelemetryListenerRegistry.start(id)}. Its types are subscribed
	 * to either way, since Lambda accepts a subscription only during Init. Accepts property
	 * placeholders; empty means {@code true}.
	 * @return {@code true}, {@code false} or a placeholder resolving to one of them
	 */
	String autoStartup() default "";

	/**
	 * A SpEL expression an event must satisfy to be delivered, evaluated for every event
	 * of the listener's types, like {@code @EventListener(condition = ...)}: the event is
	 * the root object and the {@code #event} variable, {@code #type} is its type and
	 * {@code #record} its raw record, and {@code @beanName} refers to a bean. A batch
	 * listener receives the events of the batch that satisfy it. Empty means every
	 * event. Parsed at startup: an invalid expression fails it.
	 * @return the condition
	 */
	String condition() default "";

	/**
	 * Whether the listener receives events on a thread of its own, through a bounded
	 * queue of {@link #queueCapacity()} batches, so that a slow listener does not hold up
	 * the others or the dispatch thread. A batch that finds the queue full is dropped for
	 * this listener and counted as lost. Asynchronous listeners are not part of the
	 * invocation's barrier; at shutdown their queues are drained within the deadline.
	 * @return whether the listener is asynchronous
	 */
	boolean async() default false;

	/**
	 * How many batches an {@link #async() asynchronous} listener may have waiting; ignored
	 * for other listeners.
	 * @return the queue capacity, at least 1
	 */
	int queueCapacity() default 1024;

}
