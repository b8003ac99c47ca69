package dev.lambdaextension.lifecycle;

import dev.lambdaextension.client.InvokeEvent;
import dev.lambdaextension.telemetry.PlatformRuntimeDone;
import org.jspecify.annotations.Nullable;

/**
 * Holds the {@link ExtensionEventLoop} after an {@code INVOKE} until the function's
 * telemetry for it has reached the listeners, so that Lambda does not freeze the
 * environment before they saw it. Called on the loop thread after the {@code INVOKE}
 * listeners; {@link ExtensionInvocationCompletedEvent} follows.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface InvocationBarrier {

	/**
	 * A barrier that does not wait.
	 */
	InvocationBarrier NONE = (invoke) -> null;

	/**
	 * Wait, never past the invocation's deadline, until the function has finished.
	 * @param invoke the invocation
	 * @return the invocation's {@code platform.runtimeDone}, or {@code null} when it did
	 * not arrive in time or there is no barrier
	 */
	@Nullable PlatformRuntimeDone await(InvokeEvent invoke);

}
