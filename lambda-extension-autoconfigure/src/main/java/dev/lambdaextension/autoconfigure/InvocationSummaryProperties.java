package dev.lambdaextension.autoconfigure;

import dev.lambdaextension.telemetry.summary.InvocationSummaryJoiner;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Configuration properties of the invocation summaries.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("lambda.extension.invocation-summaries")
public class InvocationSummaryProperties {

	/**
	 * Whether to join each invocation's platform.start, platform.runtimeDone and
	 * platform.report into an InvocationSummaryEvent. Turning it on subscribes to the
	 * platform stream.
	 */
	private boolean enabled;

	/**
	 * Most invocations waiting for their report at once, between 1 and 100000; beyond it
	 * the oldest is published incomplete.
	 */
	private int capacity = 1000;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getCapacity() {
		return this.capacity;
	}

	public void setCapacity(int capacity) {
		Assert.isTrue(capacity >= InvocationSummaryJoiner.MIN_CAPACITY && capacity <= InvocationSummaryJoiner.MAX_CAPACITY,
				"'capacity' must be between " + InvocationSummaryJoiner.MIN_CAPACITY + " and "
						+ InvocationSummaryJoiner.MAX_CAPACITY);
		this.capacity = capacity;
	}

}
