package dev.lambdaextension.client;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import dev.lambdaextension.test.emulator.EmulatedTelemetrySubscription;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.emulator.RecordedCall;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DefaultLogsApiClient} against the emulator.
 */
class DefaultLogsApiClientTests {

	private static final URI DESTINATION = URI.create("http://sandbox.localdomain:8082/logs");

	@AutoClose
	private final LambdaEmulator emulator = LambdaEmulator.builder().build();

	private final RuntimeApiHttp http = new RuntimeApiHttp(this.emulator.runtimeApi(), JsonMapper.shared(),
			Duration.ofSeconds(5));

	private final DefaultLogsApiClient client = new DefaultLogsApiClient(this.http);

	private String register() {
		return new DefaultExtensionsApiClient(this.http)
			.register("reporter", EnumSet.of(LifecycleEventType.INVOKE), false)
			.extensionId();
	}

	private static LogsSubscription subscription(URI destination, LogsSubscription.DeliveryMethod method) {
		return new LogsSubscription(LogsApiLimits.SCHEMA_2021_03_18, List.of("platform", "function"), 1_000, 262_144,
				100, destination, method);
	}

	@Test
	void subscribeShouldSendEveryValueAndTheHttpDestination() {
		String id = register();
		assertThat(this.client.subscribe(id, subscription(DESTINATION, LogsSubscription.DeliveryMethod.PUT)))
			.isEqualTo(SubscriptionOutcome.SUBSCRIBED);
		RecordedCall call = this.emulator.history().calls(LambdaEmulator.LOGS_PATH).get(0);
		assertThat(call.method()).isEqualTo("PUT");
		assertThat(call.header("Lambda-Extension-Identifier")).isEqualTo(id);
		Map<?, ?> body = JsonMapper.shared().readValue(call.body(), Map.class);
		assertThat(body).isEqualTo(Map.of("schemaVersion",
				"2021-03-18", "types", List.of("platform", "function"), "buffering",
				Map.of("maxItems", 1000, "maxBytes", 262144, "timeoutMs", 100), "destination",
				Map.of("protocol", "HTTP", "URI", DESTINATION.toString(), "method", "PUT", "encoding", "JSON")));
		EmulatedTelemetrySubscription accepted = this.emulator.telemetry().subscriptions().get(0);
		assertThat(accepted.logsApi()).isTrue();
		assertThat(accepted.deliveryMethod()).isEqualTo("PUT");
	}

	@Test
	void subscribeOverTcpShouldSendThePort() {
		String id = register();
		this.client.subscribe(id,
				subscription(URI.create("tcp://sandbox.localdomain:8083"), LogsSubscription.DeliveryMethod.POST));
		String body = this.emulator.history().calls(LambdaEmulator.LOGS_PATH).get(0).body();
		assertThat(JsonMapper.shared().readValue(body, Map.class).get("destination"))
			.isEqualTo(Map.of("protocol", "TCP", "port", 8083));
		assertThat(this.emulator.telemetry().subscriptions()).singleElement()
			.satisfies((accepted) -> assertThat(accepted.deliveryUri()).hasScheme("tcp").hasPort(8083));
	}

	@Test
	void subscribeWhereTheApiIsMissingShouldBeNotSupported() {
		try (LambdaEmulator unsupported = LambdaEmulator.builder().telemetrySupported(false).build()) {
			RuntimeApiHttp unsupportedHttp = new RuntimeApiHttp(unsupported.runtimeApi(), JsonMapper.shared(),
					Duration.ofSeconds(5));
			String id = new DefaultExtensionsApiClient(unsupportedHttp)
				.register("reporter", EnumSet.of(LifecycleEventType.INVOKE), false)
				.extensionId();
			assertThat(new DefaultLogsApiClient(unsupportedHttp).subscribe(id,
					subscription(DESTINATION, LogsSubscription.DeliveryMethod.POST)))
				.isEqualTo(SubscriptionOutcome.NOT_SUPPORTED);
		}
	}

	@Test
	void refusedSubscriptionShouldCarryStatusAndErrorType() {
		String id = register();
		new DefaultTelemetryApiClient(this.http).subscribe(id,
				new TelemetrySubscription("2022-07-01", List.of("platform"), 1_000, 262_144, 100, DESTINATION));
		assertThatExceptionOfType(ExtensionsApiException.class)
			.isThrownBy(() -> this.client.subscribe(id, subscription(DESTINATION, LogsSubscription.DeliveryMethod.POST)))
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(403);
				assertThat(ex.getErrorType()).isEqualTo("Logs.InvalidSubscription");
				assertThat(ex.getMessage()).contains("logs subscription");
				assertThat(ex.isTransient()).isFalse();
			});
	}

	@Test
	void subscriptionOutsideTheDocumentedRangesShouldBeRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LogsSubscription("2022-07-01", List.of("platform"), 1_000, 262_144, 100, DESTINATION,
					LogsSubscription.DeliveryMethod.POST))
			.withMessage("'schemaVersion' must be one of [2021-03-18, 2020-08-15], not '2022-07-01'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LogsSubscription("2020-08-15", List.of(), 1_000, 262_144, 100, DESTINATION,
					LogsSubscription.DeliveryMethod.POST))
			.withMessage("'types' must not be empty");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LogsSubscription("2020-08-15", List.of("logs"), 1_000, 262_144, 100, DESTINATION,
					LogsSubscription.DeliveryMethod.POST))
			.withMessageContaining("'types' must be one of");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LogsSubscription("2020-08-15", List.of("platform"), 999, 262_144, 100, DESTINATION,
					LogsSubscription.DeliveryMethod.POST))
			.withMessage("'maxItems' must be between 1000 and 10000");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LogsSubscription("2020-08-15", List.of("platform"), 1_000, 1_048_577, 100,
					DESTINATION, LogsSubscription.DeliveryMethod.POST))
			.withMessage("'maxBytes' must be between 262144 and 1048576");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LogsSubscription("2020-08-15", List.of("platform"), 1_000, 262_144, 24, DESTINATION,
					LogsSubscription.DeliveryMethod.POST))
			.withMessage("'timeoutMs' must be between 25 and 30000");
	}

}
