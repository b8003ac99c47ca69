package dev.lambdaextension.flush;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The rule of {@link FlushPolicy#ADAPTIVE}: invocations are frequent when one completes
 * less than the threshold after the previous one completed (wall-clock time, which goes
 * on while the environment is frozen). The first invocation counts as rare. Called on
 * the event loop thread; read by the timer thread.
 *
 * @since 0.2.0
 */
public final class AdaptiveFlushRule {

	private final Duration threshold;

	private final Clock clock;

	private @Nullable Instant lastCompleted;

	private volatile boolean frequent;

	/**
	 * Create a rule.
	 * @param threshold the longest time between two completions that counts as frequent
	 * @param clock the clock
	 */
	public AdaptiveFlushRule(Duration threshold, Clock clock) {
		this.threshold = threshold;
		this.clock = clock;
	}

	/**
	 * Record that an invocation completed.
	 * @return whether invocations are rare, so this one should be flushed now
	 */
	public boolean invocationCompleted() {
		Instant now = this.clock.instant();
		Instant previous = this.lastCompleted;
		this.lastCompleted = now;
		this.frequent = previous != null && Duration.between(previous, now).compareTo(this.threshold) < 0;
		return !this.frequent;
	}

	/**
	 * Return whether the last invocation came soon after the one before, so the timer
	 * flushes.
	 * @return whether invocations are frequent
	 */
	public boolean isFrequent() {
		return this.frequent;
	}

}
