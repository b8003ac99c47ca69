package dev.lambdaextension.autoconfigure;

import java.time.Duration;

import dev.lambdaextension.flush.FlushPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Configuration properties of the flush policies.
 *
 * @since 0.2.0
 */
@ConfigurationProperties("lambda.extension.flush")
public class FlushProperties {

	static final Duration MIN_DURATION = Duration.ofMillis(100);

	static final Duration MAX_DURATION = Duration.ofMinutes(15);

	private static final String RANGE = " must be between 100ms and 15m";

	/**
	 * When to call the TelemetryFlusher beans: end-of-invocation, periodic, continuous or
	 * adaptive; they are called once more after the shutdown drain. Unset means
	 * end-of-invocation, or periodic when the extension receives no INVOKE events (Lambda
	 * Managed Instances).
	 */
	private @Nullable FlushPolicy policy;

	/**
	 * Time between two flushes of the periodic and adaptive policies, between 100ms and
	 * 15m.
	 */
	private Duration interval = Duration.ofSeconds(10);

	/**
	 * Adaptive policy: invocations completing less than this after the previous one are
	 * frequent and flushed by the timer, the others at the end of the invocation; between
	 * 100ms and 15m.
	 */
	private Duration adaptiveThreshold = Duration.ofMinutes(1);

	public @Nullable FlushPolicy getPolicy() {
		return this.policy;
	}

	public void setPolicy(@Nullable FlushPolicy policy) {
		this.policy = policy;
	}

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		Assert.isTrue(inRange(interval), "'interval'" + RANGE);
		this.interval = interval;
	}

	public Duration getAdaptiveThreshold() {
		return this.adaptiveThreshold;
	}

	public void setAdaptiveThreshold(Duration adaptiveThreshold) {
		Assert.isTrue(inRange(adaptiveThreshold), "'adaptiveThreshold'" + RANGE);
		this.adaptiveThreshold = adaptiveThreshold;
	}

	private static boolean inRange(Duration duration) {
		return duration.compareTo(MIN_DURATION) >= 0 && duration.compareTo(MAX_DURATION) <= 0;
	}

}
