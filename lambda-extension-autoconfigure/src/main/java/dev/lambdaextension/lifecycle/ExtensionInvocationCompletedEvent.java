package dev.lambdaextension.lifecycle;

import java.time.Instant;

import dev.lambdaextension.client.InvokeEvent;
import dev.lambdaextension.telemetry.PlatformRuntimeDone;
import org.jspecify.annotations.Nullable;

/**
 * Published after an invocation, once the freeze barrier has passed and before the loop
 * calls {@code event/next}: the place to flush what was gathered for one invocation.
 * When the barrier is on, every telemetry event Lambda sent up to the invocation's
 * {@code platform.runtimeDone} has reached the listeners (the {@code platform.report}
 * comes later, with the next invocation or after {@code SHUTDOWN}). Listeners run on the
 * event loop thread; their time is billed and delays the freeze.
 *
 * @since 0.1.0
 */
public class ExtensionInvocationCompletedEvent extends LambdaExtensionEvent {

	private final InvokeEvent invoke;

	private final @Nullable PlatformRuntimeDone runtimeDone;

	/**
	 * Create an event.
	 * @param source the publisher
	 * @param invoke the event Lambda sent
	 * @param runtimeDone the invocation's {@code platform.runtimeDone}, when it arrived
	 */
	public ExtensionInvocationCompletedEvent(Object source, InvokeEvent invoke,
			@Nullable PlatformRuntimeDone runtimeDone) {
		super(source);
		this.invoke = invoke;
		this.runtimeDone = runtimeDone;
	}

	/**
	 * Return the request id of the invocation.
	 * @return the request id
	 */
	public String requestId() {
		return this.invoke.requestId();
	}

	/**
	 * Return when the function times out.
	 * @return the deadline
	 */
	public Instant deadline() {
		return this.invoke.deadline();
	}

	/**
	 * Return the invocation's {@code platform.runtimeDone}: its status, metrics and spans.
	 * @return the event, or {@code null} when the barrier is off, the {@code platform}
	 * stream is not received, or it did not arrive before the barrier timed out
	 */
	public @Nullable PlatformRuntimeDone runtimeDone() {
		return this.runtimeDone;
	}

}
