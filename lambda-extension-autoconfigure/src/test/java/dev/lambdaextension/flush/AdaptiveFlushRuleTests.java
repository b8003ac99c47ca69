package dev.lambdaextension.flush;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AdaptiveFlushRule}.
 */
class AdaptiveFlushRuleTests {

	private Instant now = Instant.parse("2026-01-01T00:00:00Z");

	private final AdaptiveFlushRule rule = new AdaptiveFlushRule(Duration.ofSeconds(60), new Clock() {

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return AdaptiveFlushRuleTests.this.now;
		}

	});

	@Test
	void firstInvocationShouldBeRare() {
		assertThat(this.rule.invocationCompleted()).isTrue();
		assertThat(this.rule.isFrequent()).isFalse();
	}

	@Test
	void invocationWithinTheThresholdShouldBeFrequentAndOneAfterItRareAgain() {
		this.rule.invocationCompleted();
		this.now = this.now.plusSeconds(59);
		assertThat(this.rule.invocationCompleted()).isFalse();
		assertThat(this.rule.isFrequent()).isTrue();
		this.now = this.now.plusSeconds(60);
		assertThat(this.rule.invocationCompleted()).isTrue();
		assertThat(this.rule.isFrequent()).isFalse();
	}

}
