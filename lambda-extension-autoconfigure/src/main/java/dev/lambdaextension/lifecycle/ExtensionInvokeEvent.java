package dev.lambdaextension.lifecycle;

import java.time.Instant;

import dev.lambdaextension.client.InvokeEvent;
import org.jspecify.annotations.Nullable;

/**
 * Published for every {@code INVOKE}, as soon as it arrives, while the function is still
 * running: to act once it has finished, listen to {@link ExtensionInvocationCompletedEvent},
 * published after the freeze barrier. The loop calls {@code event/next} again, which lets
 * Lambda freeze the environment, only after every listener has returned: the time
 * listeners take is billed and shows as {@code PostRuntimeExtensionsDuration}. A listener
 * that throws is logged and does not stop the loop.
 *
 * @since 0.1.0
 */
public class ExtensionInvokeEvent extends LambdaExtensionEvent {

	private final InvokeEvent invoke;

	/**
	 * Create an event.
	 * @param source the publisher
	 * @param invoke the event Lambda sent
	 */
	public ExtensionInvokeEvent(Object source, InvokeEvent invoke) {
		super(source);
		this.invoke = invoke;
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
	 * Return the ARN used to invoke the function.
	 * @return the ARN or {@code null}
	 */
	public @Nullable String invokedFunctionArn() {
		return this.invoke.invokedFunctionArn();
	}

	/**
	 * Return the X-Ray tracing header value, when tracing is active.
	 * @return the tracing value or {@code null}
	 */
	public @Nullable String tracing() {
		return this.invoke.tracing();
	}

}
