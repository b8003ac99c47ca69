package dev.lambdaextension.summary;

import dev.lambdaextension.lifecycle.LambdaExtensionEvent;
import dev.lambdaextension.telemetry.summary.InvocationSummary;

/**
 * Published once per invocation with its {@code platform.start},
 * {@code platform.runtimeDone} and {@code platform.report} joined by request id. The
 * event follows the report, which Lambda sends during the next invocation or after
 * {@code SHUTDOWN}, so it comes late and, with concurrent invocations, in no particular
 * order. When a part never arrives the summary is published incomplete: when too many
 * invocations are open (the oldest goes) or after the telemetry drain at
 * {@code SHUTDOWN}, just before {@link dev.lambdaextension.lifecycle.ExtensionShutdownCompletedEvent}
 * reaches other listeners; {@link InvocationSummary#missing()} names the absent parts.
 * <p>
 * Events closed by a report or an eviction are published on the telemetry dispatch
 * thread, those of the drain on the event loop thread.
 *
 * @since 0.1.0
 */
public class InvocationSummaryEvent extends LambdaExtensionEvent {

	private final InvocationSummary summary;

	/**
	 * Create an event.
	 * @param source the publisher
	 * @param summary the joined telemetry
	 */
	public InvocationSummaryEvent(Object source, InvocationSummary summary) {
		super(source);
		this.summary = summary;
	}

	/**
	 * Return the joined telemetry of the invocation.
	 * @return the summary
	 */
	public InvocationSummary summary() {
		return this.summary;
	}

	/**
	 * Return the request id of the invocation.
	 * @return the request id
	 */
	public String requestId() {
		return this.summary.requestId();
	}

}
