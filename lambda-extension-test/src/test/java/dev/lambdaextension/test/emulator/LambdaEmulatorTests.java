package dev.lambdaextension.test.emulator;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.lambdaextension.test.support.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LambdaEmulatorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private LambdaEmulator emulator;

	private ApiClient client;

	@BeforeEach
	void setUp() {
		this.emulator = LambdaEmulator.builder().functionName("orders-api").accountId("210987654321")
			.region("eu-west-1").build();
		this.client = new ApiClient(this.emulator.runtimeApi());
	}

	@AfterEach
	void tearDown() {
		this.emulator.close();
	}

	@Test
	void runtimeApiShouldBeLoopbackWithPort() {
		assertThat(this.emulator.runtimeApi()).matches("127\\.0\\.0\\.1:\\d+").doesNotEndWith(":0");
	}

	@Test
	void registerShouldAnswerIdentifierAndFunctionDetails() {
		HttpResponse<String> response = this.client.register("ext-a", "{\"events\":[\"INVOKE\",\"SHUTDOWN\"]}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Lambda-Extension-Identifier")).hasValueSatisfying(
				(id) -> assertThat(id).matches("[0-9a-f-]{36}"));
		assertThat(ApiClient.json(response.body())).containsExactlyInAnyOrderEntriesOf(Map.of("functionName",
				"orders-api", "functionVersion", "$LATEST", "handler", "example.Handler::handleRequest"));
	}

	@Test
	void registerWithAccountIdFeatureShouldAddAccountId() {
		HttpResponse<String> response = this.client.send(this.client.request(LambdaEmulator.REGISTER_PATH)
			.header("Lambda-Extension-Name", "ext-a")
			.header("Lambda-Extension-Accept-Feature", "foo, accountId ")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
			.build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(ApiClient.json(response.body())).containsEntry("accountId", "210987654321");
	}

	@Test
	void registerWithoutNameShouldBeRefused() {
		HttpResponse<String> response = this.client.register("", "{}");
		assertError(response, 403, "Extension.InvalidExtensionName");
	}

	@Test
	void registerWithInvalidBodyShouldBeRefused() {
		assertError(this.client.register("ext-a", ""), 403, "InvalidRequestFormat");
		assertError(this.client.register("ext-a", "{not json"), 403, "InvalidRequestFormat");
		assertError(this.client.register("ext-a", "{\"configurationKeys\":[\"x\"]}"), 403, "InvalidRequestFormat");
	}

	@Test
	void registerWithUnknownEventShouldBeRefused() {
		assertError(this.client.register("ext-a", "{\"events\":[\"INVOKE\",\"RESTORE\"]}"), 403,
				"Extension.InvalidEventType");
	}

	@Test
	void registerTwiceShouldBeRefused() {
		this.client.registerId("ext-a", "INVOKE");
		HttpResponse<String> response = this.client.register("ext-a", "{}");
		assertError(response, 403, "Extension.InvalidExtensionState");
		assertThat(ApiClient.json(response.body()).get("errorMessage").toString())
			.contains("to Registered failed for extension ext-a");
	}

	@Test
	void registerMoreThanTenShouldBeRefused() {
		for (int i = 0; i < 10; i++) {
			this.client.registerId("ext-" + i, "INVOKE");
		}
		assertError(this.client.register("ext-10", "{}"), 403, "Extension.TooManyExtensions");
	}

	@Test
	void registerAfterInitShouldBeRefused() {
		String id = this.client.registerId("ext-a", "INVOKE");
		this.client.next(id);
		this.emulator.awaitInitComplete(TIMEOUT);
		assertError(this.client.register("late", "{}"), 403, "Extension.RegistrationClosed");
	}

	@Test
	void internalExtensionAskingForShutdownShouldBeRefused() {
		try (LambdaEmulator strict = LambdaEmulator.builder().externalExtensionNames(Set.of("launched")).build()) {
			ApiClient strictClient = new ApiClient(strict.runtimeApi());
			HttpResponse<String> response = strictClient.register("agent", "{\"events\":[\"INVOKE\",\"SHUTDOWN\"]}");
			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(ApiClient.json(response.body())).containsEntry("errorType", "Extension.InvalidEventType")
				.containsEntry("errorMessage", "SHUTDOWN: ShutdownEventNotSupportedForInternalExtension");
			assertThat(strictClient.register("agent", "{\"events\":[\"INVOKE\"]}").statusCode()).isEqualTo(200);
			assertThat(strictClient.register("launched", "{\"events\":[\"SHUTDOWN\"]}").statusCode()).isEqualTo(200);
			assertThat(strict.extension("agent").external()).isFalse();
			assertThat(strict.extension("launched").external()).isTrue();
		}
	}

	@Test
	void nextShouldValidateIdentifier() {
		assertError(this.client.nextWithoutId(), 403, "Extension.MissingExtensionIdentifier");
		assertError(this.client.next("not-a-uuid").join(), 403, "Extension.InvalidExtensionIdentifier");
		assertError(this.client.next("8f5c2e9a-1b3d-4c6e-9a7b-2d4f6e8a0c1e").join(), 403,
				"Extension.UnknownExtensionIdentifier");
	}

	@Test
	void nextShouldParkUntilInvokeAndDeliverInvokeShape() throws Exception {
		String id = this.client.registerId("ext-a", "INVOKE", "SHUTDOWN");
		CompletableFuture<HttpResponse<String>> next = this.client.next(id);
		this.emulator.awaitInitComplete(TIMEOUT);
		assertThat(next).isNotDone();
		assertThat(this.emulator.extension("ext-a").state()).isEqualTo(EmulatedExtensionState.READY);
		Instant invokedAfter = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Invocation invocation = this.emulator.invoke(InvokeRequest.builder()
			.requestId("8f5c2e9a-1b3d-4c6e-9a7b-2d4f6e8a0c1e")
			.traceHeader("Root=1-6741a2b3-0123456789abcdef01234567;Parent=89abcdef01234567;Sampled=1")
			.build());
		Instant invokedBefore = Instant.now();
		HttpResponse<String> response = next.get(10, TimeUnit.SECONDS);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.headers().firstValue("Lambda-Extension-Event-Identifier")).isPresent();
		Map<String, Object> event = ApiClient.json(response.body());
		assertThat(event).containsOnlyKeys("eventType", "deadlineMs", "requestId", "invokedFunctionArn", "tracing");
		assertThat(event).containsEntry("eventType", "INVOKE")
			.containsEntry("requestId", "8f5c2e9a-1b3d-4c6e-9a7b-2d4f6e8a0c1e")
			.containsEntry("invokedFunctionArn", "arn:aws:lambda:eu-west-1:210987654321:function:orders-api")
			.containsEntry("tracing", Map.of("type", "X-Amzn-Trace-Id", "value",
					"Root=1-6741a2b3-0123456789abcdef01234567;Parent=89abcdef01234567;Sampled=1"));
		assertThat(event.get("deadlineMs")).isInstanceOf(Number.class);
		long deadlineMs = ((Number) event.get("deadlineMs")).longValue();
		assertThat(deadlineMs).isEqualTo(invocation.deadline().toEpochMilli());
		// the default function timeout is 3 s from the INVOKE
		assertThat(Instant.ofEpochMilli(deadlineMs)).isBetween(invokedAfter.plusSeconds(3), invokedBefore.plusSeconds(3));
		assertThat(this.emulator.extension("ext-a").state()).isEqualTo(EmulatedExtensionState.RUNNING);
		assertThat(invocation.isDone()).isFalse();
		this.client.next(id);
		Map<String, Duration> done = invocation.awaitExtensionsDone(TIMEOUT);
		assertThat(done).containsOnlyKeys("ext-a");
		assertThat(done.get("ext-a")).isPositive();
	}

	@Test
	void invokeWithoutTraceHeaderShouldOmitTracing() throws Exception {
		String id = this.client.registerId("ext-a", "INVOKE");
		CompletableFuture<HttpResponse<String>> next = this.client.next(id);
		this.emulator.invoke();
		assertThat(ApiClient.json(next.get(10, TimeUnit.SECONDS).body())).doesNotContainKey("tracing");
	}

	@Test
	void shutdownSubscribersOnlyShouldNotTakePartInInvokes() throws Exception {
		String invokeId = this.client.registerId("invoke-only", "INVOKE");
		String shutdownId = this.client.registerId("shutdown-only", "SHUTDOWN");
		CompletableFuture<HttpResponse<String>> invokeNext = this.client.next(invokeId);
		CompletableFuture<HttpResponse<String>> shutdownNext = this.client.next(shutdownId);
		Invocation invocation = this.emulator.invoke();
		assertThat(invocation.extensionNames()).containsExactly("invoke-only");
		invokeNext.get(10, TimeUnit.SECONDS);
		assertThat(shutdownNext).isNotDone();
		this.client.next(invokeId);
		invocation.awaitExtensionsDone(TIMEOUT);
		Instant deadline = this.emulator.shutdown("SPINDOWN", Duration.ofMillis(1500));
		Map<String, Object> event = ApiClient.json(shutdownNext.get(10, TimeUnit.SECONDS).body());
		assertThat(event).containsEntry("eventType", "SHUTDOWN").containsEntry("shutdownReason", "spindown");
		assertThat(((Number) event.get("deadlineMs")).longValue()).isEqualTo(deadline.toEpochMilli());
		assertThat(this.emulator.extension("shutdown-only").shutdownReceived()).isTrue();
		assertThat(this.emulator.extension("invoke-only").shutdownReceived()).isFalse();
	}

	@Test
	void secondConcurrentNextShouldBeRefused() {
		String id = this.client.registerId("ext-a", "INVOKE");
		this.client.next(id);
		this.emulator.awaitExtensionState("ext-a", EmulatedExtensionState.READY, TIMEOUT);
		assertError(this.client.next(id).join(), 403, "Extension.InvalidExtensionState");
	}

	@Test
	void initErrorShouldBeRecordedAndBlockNext() {
		String id = this.client.registerId("ext-a", "INVOKE");
		assertError(this.client.error("init", id, null, "{}"), 403, "Extension.MissingHeader");
		HttpResponse<String> response = this.client.error("init", id, "Extension.ConfigInvalid",
				"{\"errorMessage\":\"license key missing\",\"errorType\":\"ConfigError\"}");
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(ApiClient.json(response.body())).containsEntry("status", "OK");
		EmulatedExtension extension = this.emulator.extension("ext-a");
		assertThat(extension.state()).isEqualTo(EmulatedExtensionState.INIT_ERROR);
		assertThat(extension.initErrorType()).isEqualTo("Extension.ConfigInvalid");
		assertThat(extension.initErrorBody()).contains("license key missing");
		assertError(this.client.next(id).join(), 403, "Extension.InvalidExtensionState");
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.emulator.awaitInitComplete(TIMEOUT))
			.withMessageContaining("Extension.InitError");
	}

	@Test
	void initErrorAfterFirstNextShouldBeRefused() throws Exception {
		String id = this.client.registerId("ext-a", "INVOKE");
		CompletableFuture<HttpResponse<String>> next = this.client.next(id);
		this.emulator.invoke();
		next.get(10, TimeUnit.SECONDS);
		assertError(this.client.error("init", id, "Extension.Late", "{}"), 403, "Extension.InvalidExtensionState");
		HttpResponse<String> exit = this.client.error("exit", id, "Extension.Broken", "{\"errorMessage\":\"boom\"}");
		assertThat(exit.statusCode()).isEqualTo(202);
		assertThat(this.emulator.extension("ext-a").state()).isEqualTo(EmulatedExtensionState.EXIT_ERROR);
		assertThat(this.emulator.extension("ext-a").exitErrorType()).isEqualTo("Extension.Broken");
		assertError(this.client.next(id).join(), 403, "Extension.InvalidExtensionState");
	}

	@Test
	void failNextShouldInjectFaultsForGivenNumberOfCalls() {
		this.emulator.faults().failNext(LambdaEmulator.REGISTER_PATH, 500, 2);
		assertError(this.client.register("ext-a", "{}"), 500, "InternalServerError");
		assertError(this.client.register("ext-a", "{}"), 500, "InternalServerError");
		assertThat(this.client.register("ext-a", "{}").statusCode()).isEqualTo(200);
	}

	@Test
	void failNextOnNextShouldAnswerInjectedStatusWithoutParking() {
		String id = this.client.registerId("ext-a", "INVOKE");
		this.emulator.faults().failNext(LambdaEmulator.NEXT_PATH, 500, 1);
		assertThat(this.client.next(id).join().statusCode()).isEqualTo(500);
		assertThat(this.emulator.extension("ext-a").nextCount()).isZero();
	}

	@Test
	void refuseRegistrationShouldAnswerGivenError() {
		this.emulator.faults().refuseRegistration("Extension.Custom", "nope", 1);
		assertError(this.client.register("ext-a", "{}"), 403, "Extension.Custom");
	}

	@Test
	void callsShouldBeRecordedWithCaseInsensitiveHeaders() {
		this.client.register("ext-a", "{\"events\":[\"INVOKE\"]}");
		this.client.register("", "{}");
		assertThat(this.emulator.history().calls()).hasSize(2);
		RecordedCall first = this.emulator.history().calls(LambdaEmulator.REGISTER_PATH).get(0);
		assertThat(first.method()).isEqualTo("POST");
		assertThat(first.header("lambda-extension-name")).isEqualTo("ext-a");
		assertThat(first.header("LAMBDA-EXTENSION-NAME")).isEqualTo("ext-a");
		assertThat(first.body()).isEqualTo("{\"events\":[\"INVOKE\"]}");
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.receivedAt()).isBeforeOrEqualTo(Instant.now());
		assertThat(this.emulator.history().calls().get(1).status()).isEqualTo(403);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> this.emulator.history().calls().clear());
	}

	@Test
	void awaitRegisteredShouldTimeOutWithClearMessage() {
		assertThatExceptionOfType(LambdaEmulatorTimeoutException.class)
			.isThrownBy(() -> this.emulator.awaitRegistered(1, Duration.ofMillis(100)))
			.withMessageContaining("1 registered extension(s)");
	}

	@Test
	void closeShouldReleaseParkedNext() throws Exception {
		String id = this.client.registerId("ext-a", "INVOKE");
		CompletableFuture<HttpResponse<String>> next = this.client.next(id);
		this.emulator.awaitExtensionState("ext-a", EmulatedExtensionState.READY, TIMEOUT);
		this.emulator.close();
		int status = next.handle((response, failure) -> (response != null) ? response.statusCode() : -1)
			.get(10, TimeUnit.SECONDS);
		assertThat(status).isIn(500, -1);
	}

	private static void assertError(HttpResponse<String> response, int status, String errorType) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		Map<String, Object> body = ApiClient.json(response.body());
		assertThat(body).containsEntry("errorType", errorType).containsKey("errorMessage");
	}

}
