package dev.lambdaextension.health;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.lambdaextension.client.RegisterResponse;
import dev.lambdaextension.lifecycle.ExtensionEventHistory;
import dev.lambdaextension.lifecycle.ExtensionEventLoop;
import dev.lambdaextension.lifecycle.ExtensionState;
import dev.lambdaextension.status.ExtensionStatus;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link LambdaExtensionHealthIndicator}.
 */
class LambdaExtensionHealthIndicatorTests {

	private static final Instant NOW = Instant.parse("2025-11-23T10:15:30Z");

	private final ExtensionEventLoop loop = mock(ExtensionEventLoop.class);

	private final ExtensionEventHistory history = new ExtensionEventHistory(4, Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void healthShouldFollowTheStateOfTheLoop() {
		assertThat(statusIn(ExtensionState.NEW)).isEqualTo(Status.DOWN);
		assertThat(statusIn(ExtensionState.REGISTERED)).isEqualTo(Status.UNKNOWN);
		assertThat(statusIn(ExtensionState.RUNNING)).isEqualTo(Status.UP);
		assertThat(statusIn(ExtensionState.SHUTTING_DOWN)).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(statusIn(ExtensionState.STOPPED)).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(statusIn(ExtensionState.FAILED)).isEqualTo(Status.DOWN);
	}

	@Test
	void detailsShouldDescribeRegistrationWithoutTelemetry() {
		RegisterResponse registration = new RegisterResponse("ext-1", "my-function", "$LATEST", "index.handler", null);
		given(this.loop.getState()).willReturn(ExtensionState.RUNNING);
		given(this.loop.getRegistration()).willReturn(registration);
		this.history.registered(registration);
		Health health = new LambdaExtensionHealthIndicator(
				new ExtensionStatus(this.loop, this.history, null, null, null, null)).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("state", ExtensionState.RUNNING)
			.containsEntry("extensionId", "ext-1")
			.containsEntry("functionName", "my-function")
			.containsEntry("functionVersion", "$LATEST")
			.containsEntry("lastEventTime", NOW)
			.doesNotContainKeys("telemetrySubscribed", "queueDepth", "droppedEvents", "listenerFailures");
	}

	private Status statusIn(ExtensionState state) {
		given(this.loop.getState()).willReturn(state);
		return new LambdaExtensionHealthIndicator(new ExtensionStatus(this.loop, null, null, null, null, null)).health().getStatus();
	}

}
