package dev.lambdaextension.lifecycle;

import java.time.Duration;
import java.time.Instant;

import dev.lambdaextension.client.InvokeEvent;
import dev.lambdaextension.telemetry.PlatformRuntimeDone;
import dev.lambdaextension.telemetry.TelemetryStream;
import dev.lambdaextension.telemetry.dispatch.InvocationProgress;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The freeze barrier on the Telemetry API: after an {@code INVOKE} it waits until the
 * invocation's {@code platform.runtimeDone} has been delivered, so everything the function
 * logged before it has too, bounded by a timeout and by the invocation's deadline. It
 * records every invocation it sees, so that {@link ShutdownTelemetryDrain} knows whose
 * report to wait for. It waits only once the {@link TelemetrySubscriber} holds a
 * subscription with the {@code platform} stream.
 *
 * @since 0.1.0
 */
public class RuntimeDoneBarrier implements InvocationBarrier {

	private static final Log logger = LogFactory.getLog(RuntimeDoneBarrier.class);

	private final InvocationProgress progress;

	private final TelemetrySubscriber subscriber;

	private final @Nullable Duration timeout;

	/**
	 * Create a barrier.
	 * @param progress what the dispatched telemetry says about invocations
	 * @param subscriber the subscriber, asked whether the {@code platform} stream is
	 * subscribed
	 * @param timeout the longest wait, or {@code null} to record invocations without
	 * waiting
	 */
	public RuntimeDoneBarrier(InvocationProgress progress, TelemetrySubscriber subscriber, @Nullable Duration timeout) {
		this.progress = progress;
		this.subscriber = subscriber;
		this.timeout = timeout;
	}

	@Override
	public @Nullable PlatformRuntimeDone await(InvokeEvent invoke) {
		this.progress.invocationStarted(invoke.requestId());
		if (this.timeout == null || !isPlatformSubscribed()) {
			return null;
		}
		Duration untilDeadline = Duration.between(Instant.now(), invoke.deadline());
		Duration budget = (untilDeadline.compareTo(this.timeout) < 0) ? untilDeadline : this.timeout;
		if (!budget.isNegative() && this.progress.awaitRuntimeDone(invoke.requestId(), budget)) {
			return this.progress.runtimeDone(invoke.requestId());
		}
		logger.debug("platform.runtimeDone of " + invoke.requestId() + " not delivered within "
				+ Math.max(0, budget.toMillis()) + " ms");
		return null;
	}

	/**
	 * Return whether the barrier waits: it is enabled and the {@code platform} stream is
	 * subscribed.
	 * @return whether the barrier is active
	 */
	public boolean isActive() {
		return this.timeout != null && isPlatformSubscribed();
	}

	private boolean isPlatformSubscribed() {
		var subscription = this.subscriber.getSubscription();
		return subscription != null && subscription.types().contains(TelemetryStream.PLATFORM.wireName());
	}

}
