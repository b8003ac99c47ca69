package dev.lambdaextension.test.emulator;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentFreezeTests {

	private final EmulatedTelemetryApi telemetry = new EmulatedTelemetryApi(true, Set.of("2022-12-13"));

	private final EnvironmentFreeze freeze = new EnvironmentFreeze(this.telemetry);

	@Test
	void lateBookkeepingOfAnEarlierEventShouldNotThawForTheNextOne() {
		PendingEvent restore = new PendingEvent("RESTORE", "{\"eventType\":\"RESTORE\"}");
		PendingEvent invoke = new PendingEvent("INVOKE", "{\"eventType\":\"INVOKE\"}");
		this.freeze.freeze();
		this.freeze.thawAfterHandOut(Map.of("ext-1", invoke), true);
		this.freeze.handedOut("ext-1", restore);
		assertThat(this.freeze.isFrozen()).isTrue();
		assertThat(this.telemetry.isHeld()).isTrue();
		this.freeze.handedOut("ext-1", invoke);
		assertThat(this.freeze.isFrozen()).isFalse();
		assertThat(this.telemetry.isHeld()).isFalse();
	}

	@Test
	void equalEventsOfTwoInvocationsShouldStillBeToldApart() {
		PendingEvent previous = new PendingEvent("INVOKE", "{}");
		PendingEvent next = new PendingEvent("INVOKE", "{}");
		this.freeze.freeze();
		this.freeze.thawAfterHandOut(Map.of("ext-1", next), true);
		this.freeze.handedOut("ext-1", previous);
		assertThat(this.freeze.isFrozen()).isTrue();
	}

	@Test
	void thawShouldWaitForEveryRecipientOrItsDeparture() {
		PendingEvent first = new PendingEvent("SHUTDOWN", "{}");
		PendingEvent second = new PendingEvent("SHUTDOWN", "{}");
		this.freeze.freeze();
		this.freeze.thawAfterHandOut(Map.of("ext-1", first, "ext-2", second), false);
		this.freeze.handedOut("ext-1", first);
		assertThat(this.freeze.isFrozen()).isTrue();
		this.freeze.recipientGone("ext-2");
		assertThat(this.freeze.isFrozen()).isFalse();
	}

}
