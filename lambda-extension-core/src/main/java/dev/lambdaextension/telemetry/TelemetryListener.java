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

}
