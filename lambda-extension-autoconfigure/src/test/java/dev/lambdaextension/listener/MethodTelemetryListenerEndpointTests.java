package dev.lambdaextension.listener;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

import dev.lambdaextension.telemetry.FunctionLog;
import dev.lambdaextension.telemetry.LogRecord;
import dev.lambdaextension.telemetry.PlatformReport;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.UnknownTelemetryEvent;
import org.junit.jupiter.api.Test;

import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link MethodTelemetryListenerEndpoint}.
 */
class MethodTelemetryListenerEndpointTests {

	private static final String SIGNATURE_MESSAGE = "must take one TelemetryEvent, a typed view of it, or a List of them";

	@Test
	void createWithStringParameterShouldFailNamingBeanAndMethod() {
		assertThatIllegalStateException().isThrownBy(() -> endpoint("onReport", String.class))
			.withMessage("@TelemetryListener method 'orders.onReport(String)' " + SIGNATURE_MESSAGE);
	}

	@Test
	void createWithoutParameterShouldFail() {
		assertThatIllegalStateException().isThrownBy(() -> endpoint("noParameter"))
			.withMessage("@TelemetryListener method 'orders.noParameter()' " + SIGNATURE_MESSAGE);
	}

	@Test
	void createWithTwoParametersShouldFail() {
		assertThatIllegalStateException()
			.isThrownBy(() -> endpoint("twoParameters", TelemetryEvent.class, TelemetryEvent.class))
			.withMessage("@TelemetryListener method 'orders.twoParameters(TelemetryEvent, TelemetryEvent)' "
					+ SIGNATURE_MESSAGE);
	}

	@Test
	void createWithListOfStringsShouldFail() {
		assertThatIllegalStateException().isThrownBy(() -> endpoint("strings", List.class))
			.withMessage("@TelemetryListener method 'orders.strings(List)' " + SIGNATURE_MESSAGE);
	}

	@Test
	void createWithRawListShouldFail() {
		assertThatIllegalStateException().isThrownBy(() -> endpoint("rawList", List.class))
			.withMessage("@TelemetryListener method 'orders.rawList(List)' " + SIGNATURE_MESSAGE);
	}

	@Test
	void createWithTelemetryEventShouldAcceptEveryType() {
		MethodTelemetryListenerEndpoint endpoint = endpoint("anyEvent", TelemetryEvent.class);
		assertThat(endpoint.isBatch()).isFalse();
		assertThat(endpoint.getTypes()).isEmpty();
		assertThat(endpoint.getEventType()).isEqualTo(TelemetryEvent.class);
	}

	@Test
	void createWithTypedViewShouldNarrowTypes() {
		MethodTelemetryListenerEndpoint endpoint = endpoint("report", PlatformReport.class);
		assertThat(endpoint.getTypes()).containsExactly("platform.report");
	}

	@Test
	void createWithLogRecordShouldAcceptBothLogStreams() {
		assertThat(endpoint("logs", LogRecord.class).getTypes()).containsExactlyInAnyOrder("function", "extension");
	}

	@Test
	void createWithUnknownEventShouldAcceptEveryType() {
		assertThat(endpoint("unknown", UnknownTelemetryEvent.class).getTypes()).isEmpty();
	}

	@Test
	void createWithListOfTypedViewsShouldBeBatch() {
		MethodTelemetryListenerEndpoint endpoint = endpoint("functionLogs", List.class);
		assertThat(endpoint.isBatch()).isTrue();
		assertThat(endpoint.getEventType()).isEqualTo(FunctionLog.class);
		assertThat(endpoint.getTypes()).containsExactly("function");
	}

	@Test
	void createWithWildcardListShouldBeBatch() {
		MethodTelemetryListenerEndpoint endpoint = endpoint("wildcard", List.class);
		assertThat(endpoint.isBatch()).isTrue();
		assertThat(endpoint.getEventType()).isEqualTo(TelemetryEvent.class);
	}

	@Test
	void createWithDeclaredTypesShouldUseThem() {
		MethodTelemetryListenerEndpoint endpoint = endpoint(Set.of("platform.start"), "anyEvent",
				TelemetryEvent.class);
		assertThat(endpoint.getTypes()).containsExactly("platform.start");
	}

	@Test
	void createWithTypesContradictingTypedViewShouldFail() {
		assertThatIllegalStateException()
			.isThrownBy(() -> endpoint(Set.of("function"), "report", PlatformReport.class))
			.withMessage("@TelemetryListener method 'orders.report(PlatformReport)' declares types [function] that "
					+ "its parameter type PlatformReport never receives; it receives only [platform.report]");
	}

	@Test
	void createWithTypesContradictingLogRecordShouldFail() {
		assertThatIllegalStateException()
			.isThrownBy(() -> endpoint(Set.of("platform.report"), "logs", LogRecord.class))
			.withMessageContaining("declares types [platform.report]");
	}

	@Test
	void createWithBlankTypeShouldFail() {
		assertThatIllegalStateException().isThrownBy(() -> endpoint(Set.of(" "), "anyEvent", TelemetryEvent.class))
			.withMessage("@TelemetryListener method 'orders.anyEvent(TelemetryEvent)' declares an empty event type");
	}

	@Test
	void acceptsShouldRequireMatchingTypeAndInstance() {
		List<TelemetryEvent> events = TestTelemetry.batch(TestTelemetry.report("r-1"), TestTelemetry.unknown(),
				TestTelemetry.functionLog("hello"));
		MethodTelemetryListenerEndpoint unknown = endpoint("unknown", UnknownTelemetryEvent.class);
		assertThat(events).filteredOn(unknown::accepts)
			.extracting(TelemetryEvent::type)
			.containsExactly("platform.somethingNew");
		MethodTelemetryListenerEndpoint declared = endpoint(Set.of("platform.report", "function"), "anyEvent",
				TelemetryEvent.class);
		assertThat(events).filteredOn(declared::accepts)
			.extracting(TelemetryEvent::type)
			.containsExactly("platform.report", "function");
	}

	private static MethodTelemetryListenerEndpoint endpoint(String name, Class<?>... parameterTypes) {
		return endpoint(Set.of(), name, parameterTypes);
	}

	private static MethodTelemetryListenerEndpoint endpoint(Set<String> types, String name,
			Class<?>... parameterTypes) {
		Method method = ReflectionUtils.findMethod(Signatures.class, name, parameterTypes);
		assertThat(method).isNotNull();
		return new MethodTelemetryListenerEndpoint("id", "orders", new Signatures(), method, types, null);
	}

	@SuppressWarnings({ "unused", "rawtypes" })
	static class Signatures {

		void onReport(String report) {
		}

		void noParameter() {
		}

		void twoParameters(TelemetryEvent first, TelemetryEvent second) {
		}

		void strings(List<String> strings) {
		}

		void rawList(List events) {
		}

		void anyEvent(TelemetryEvent event) {
		}

		void report(PlatformReport report) {
		}

		void logs(LogRecord log) {
		}

		void unknown(UnknownTelemetryEvent event) {
		}

		void functionLogs(List<FunctionLog> logs) {
		}

		void wildcard(List<? extends TelemetryEvent> events) {
		}

	}

}
