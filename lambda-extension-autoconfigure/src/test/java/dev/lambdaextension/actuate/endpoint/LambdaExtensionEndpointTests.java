package dev.lambdaextension.actuate.endpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.lambdaextension.client.InvokeEvent;
import dev.lambdaextension.client.RegisterResponse;
import dev.lambdaextension.lifecycle.ExtensionEventHistory;
import dev.lambdaextension.lifecycle.ExtensionEventLoop;
import dev.lambdaextension.lifecycle.ExtensionState;
import dev.lambdaextension.listener.TelemetryListenerRegistry;
import dev.lambdaextension.status.ExtensionStatus;
import dev.lambdaextension.telemetry.dispatch.TelemetryDispatcher;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link LambdaExtensionEndpoint}.
 */
class LambdaExtensionEndpointTests {

	private static final Instant NOW = Instant.parse("2025-11-23T10:15:30Z");

	@Test
	void extensionShouldSerializeToTheDocumentedShape() {
		ExtensionEventLoop loop = mock(ExtensionEventLoop.class);
		RegisterResponse registration = new RegisterResponse("ext-1", "orders", "7", "index.handler", "123456789012");
		given(loop.getState()).willReturn(ExtensionState.RUNNING);
		given(loop.getRegistration()).willReturn(registration);
		ExtensionEventHistory history = new ExtensionEventHistory(2, Clock.fixed(NOW, ZoneOffset.UTC));
		history.registered(registration);
		history.eventReceived(new InvokeEvent("request-1", NOW.plusSeconds(3), null, null), Duration.ZERO);
		history.eventReceived(new InvokeEvent("request-2", NOW.plusSeconds(3), null, null), Duration.ZERO);
		TelemetryListenerRegistry listeners = new TelemetryListenerRegistry();
		try (TelemetryDispatcher dispatcher = new TelemetryDispatcher(listeners)) {
			LambdaExtensionEndpoint endpoint = new LambdaExtensionEndpoint(
					new ExtensionStatus(loop, history, null, null, dispatcher, listeners));
			JsonNode json = JsonMapper.shared().valueToTree(endpoint.extension());
			assertThat(json.get("state").asString()).isEqualTo("RUNNING");
			assertThat(json.get("registration").get("functionName").asString()).isEqualTo("orders");
			assertThat(json.get("registration").has("accountId")).isFalse();
			assertThat(json.get("subscription").isNull()).isTrue();
			assertThat(json.get("dispatch").get("capacity").asInt()).isEqualTo(10_000);
			assertThat(json.get("dispatch").get("overflowStrategy").asString()).isEqualTo("REJECT");
			assertThat(json.get("listeners").isArray()).isTrue();
			JsonNode recent = json.get("recentEvents");
			assertThat(recent).hasSize(2);
			assertThat(recent.get(0).get("type").asString()).isEqualTo("INVOKE");
			assertThat(recent.get(1).get("detail").asString()).isEqualTo("request-2");
			assertThat(recent.get(1).get("time").asString()).isEqualTo("2025-11-23T10:15:30Z");
		}
	}

}
