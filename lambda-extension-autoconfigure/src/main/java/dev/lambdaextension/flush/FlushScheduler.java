package dev.lambdaextension.flush;

import java.time.Duration;

import dev.lambdaextension.lifecycle.ExtensionInvocationCompletedEvent;
import dev.lambdaextension.lifecycle.ExtensionShutdownCompletedEvent;
import dev.lambdaextension.lifecycle.LambdaExtensionEvent;
import dev.lambdaextension.telemetry.TelemetryObserver;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;

/**
 * Turns the extension's lifecycle into flushes for one {@link FlushPolicy}: listens to
 * the completed invocations and to the end of the shutdown drain (after every other
 * listener of it, the invocation summaries included), hears dispatched batches as a
 * {@link TelemetryObserver}, and runs the timer from the context's start to the shutdown
 * flush.
 *
 * @since 0.2.0
 */
public final class FlushScheduler implements ApplicationListener<LambdaExtensionEvent>, TelemetryObserver,
		SmartLifecycle, Ordered {

	private final FlushPolicy policy;

	private final TelemetryFlushers flushers;

	private final @Nullable AdaptiveFlushRule adaptive;

	private final @Nullable PeriodicFlushTimer timer;

	private volatile boolean shutDown;

	/**
	 * Create a scheduler.
	 * @param policy the policy
	 * @param flushers the flushers
	 * @param adaptive the rule, for {@link FlushPolicy#ADAPTIVE} only
	 * @param interval the timer's interval, for the periodic and adaptive policies only
	 */
	public FlushScheduler(FlushPolicy policy, TelemetryFlushers flushers, @Nullable AdaptiveFlushRule adaptive,
			@Nullable Duration interval) {
		this.policy = policy;
		this.flushers = flushers;
		this.adaptive = adaptive;
		this.timer = (interval != null) ? new PeriodicFlushTimer(interval, this::tick) : null;
	}

	@Override
	public void start() {
		if (this.timer != null && !this.shutDown) {
			this.timer.start();
		}
	}

	@Override
	public void stop() {
		if (this.timer != null) {
			this.timer.stop();
		}
	}

	@Override
	public boolean isRunning() {
		return this.timer != null && this.timer.isRunning();
	}

	/**
	 * Flush when the timer's interval elapsed: always for {@link FlushPolicy#PERIODIC},
	 * while invocations are frequent for {@link FlushPolicy#ADAPTIVE}.
	 */
	void tick() {
		AdaptiveFlushRule adaptive = this.adaptive;
		if (!this.shutDown && (adaptive == null || adaptive.isFrequent())) {
			this.flushers.flush(FlushTrigger.PERIODIC);
		}
	}

	@Override
	public void batchDispatched(int count, Duration latency) {
		if (this.policy == FlushPolicy.CONTINUOUS && !this.shutDown) {
			this.flushers.flush(FlushTrigger.BATCH_DISPATCHED);
		}
	}

	@Override
	public void onApplicationEvent(LambdaExtensionEvent event) {
		if (event instanceof ExtensionInvocationCompletedEvent) {
			invocationCompleted();
		}
		else if (event instanceof ExtensionShutdownCompletedEvent) {
			shutdownCompleted();
		}
	}

	private void invocationCompleted() {
		AdaptiveFlushRule adaptive = this.adaptive;
		boolean flush = (this.policy == FlushPolicy.END_OF_INVOCATION)
				|| (adaptive != null && adaptive.invocationCompleted());
		if (flush) {
			this.flushers.flush(FlushTrigger.INVOCATION_COMPLETED);
		}
	}

	private void shutdownCompleted() {
		this.shutDown = true;
		stop();
		this.flushers.flush(FlushTrigger.SHUTDOWN);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
