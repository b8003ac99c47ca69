package dev.lambdaextension.lifecycle;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Bounded exponential backoff for transient failures of {@code event/next}.
 *
 * @param maxAttempts how many attempts in all, at least 1
 * @param initialDelay the delay before the second attempt
 * @param maxDelay the longest delay between attempts
 * @since 0.1.0
 */
public record RetryBackoff(int maxAttempts, Duration initialDelay, Duration maxDelay) {

	public RetryBackoff {
		Assert.isTrue(maxAttempts >= 1, "'maxAttempts' must be at least 1");
		Assert.isTrue(!initialDelay.isNegative(), "'initialDelay' must not be negative");
		Assert.isTrue(maxDelay.compareTo(initialDelay) >= 0, "'maxDelay' must not be shorter than 'initialDelay'");
	}

	/**
	 * Return the delay before the given attempt.
	 * @param attempt the attempt that failed, from 1
	 * @return the delay
	 */
	public Duration delayAfter(int attempt) {
		Duration delay = this.initialDelay.multipliedBy(1L << Math.min(attempt - 1, 20));
		return (delay.compareTo(this.maxDelay) > 0) ? this.maxDelay : delay;
	}

}
