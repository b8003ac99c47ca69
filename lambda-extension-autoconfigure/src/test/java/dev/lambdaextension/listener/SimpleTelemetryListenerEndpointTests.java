package dev.lambdaextension.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.lambdaextension.telemetry.TelemetryEvent;
import org.junit.jupiter.api.Test;

import static dev.lambdaextension.listener.TestTelemetry.batch;
import static dev.lambdaextension.listener.TestTelemetry.functionLog;
import static dev.lambdaextension.listener.TestTelemetry.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SimpleTelemetryListenerEndpoint}.
 */
class SimpleTelemetryListenerEndpointTests {

	@Test
	void forEachEventShouldAcceptDeclaredTypesAndReceiveOneEventPerCall() {
		List<TelemetryEvent> received = new ArrayList<>();
		SimpleTelemetryListenerEndpoint endpoint = SimpleTelemetryListenerEndpoint.forEachEvent("reports",
				List.of(" platform.report "), received::add);
		List<TelemetryEvent> events = batch(report("r-1"), functionLog("hello"));
		assertThat(endpoint.getTypes()).containsExactly("platform.report");
		assertThat(endpoint.isBatch()).isFalse();
		assertThat(endpoint.accepts(events.get(0))).isTrue();
		assertThat(endpoint.accepts(events.get(1))).isFalse();
		endpoint.onEvents(List.of(events.get(0)));
		assertThat(received).containsExactly(events.get(0));
	}

	@Test
	void forBatchesWithoutTypesShouldAcceptEverything() {
		List<List<TelemetryEvent>> received = new ArrayList<>();
		SimpleTelemetryListenerEndpoint endpoint = SimpleTelemetryListenerEndpoint.forBatches("all", Set.of(),
				received::add);
		List<TelemetryEvent> events = batch(report("r-1"), functionLog("hello"));
		assertThat(endpoint.isBatch()).isTrue();
		assertThat(events).allSatisfy((event) -> assertThat(endpoint.accepts(event)).isTrue());
		endpoint.onEvents(events);
		assertThat(received).containsExactly(events);
	}

	@Test
	void emptyIdOrTypeShouldBeRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SimpleTelemetryListenerEndpoint.forBatches(" ", List.of(), (events) -> {
			}))
			.withMessage("'id' must not be empty");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SimpleTelemetryListenerEndpoint.forEachEvent("logs", List.of("function", ""), (event) -> {
			}))
			.withMessage("Telemetry listener 'logs' declares an empty event type");
	}

}
