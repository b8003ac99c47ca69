package dev.lambdaextension.test.emulator;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.lambdaextension.test.support.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for how the emulator, like Lambda, treats an extension whose name is not one of the launched
 * external extensions as internal, and for the Runtime API a function process polls.
 */
class InternalExtensionEmulatorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final LambdaEmulator emulator = LambdaEmulator.builder().externalExtensionNames(Set.of("launched")).build();

	private final ApiClient client = new ApiClient(this.emulator.runtimeApi());

	@AfterEach
	void tearDown() {
		this.emulator.close();
	}

	@Test
	void internalRegistrationShouldCloseAtTheRuntimesFirstNext() {
		this.client.next(this.client.registerId("launched", "INVOKE", "SHUTDOWN"));
		this.client.registerId("agent", "INVOKE");
		this.client.runtimeNext();
		this.emulator.runtime().awaitFirstNext(TIMEOUT);
		assertError(this.client.register("late-agent", "{\"events\":[\"INVOKE\"]}"), 403,
				"Extension.RegistrationClosed");
		assertThat(this.emulator.extension("agent").external()).isFalse();
	}

	@Test
	void internalExtensionsShouldCountTowardsTheLimitOfTen() {
		this.client.registerId("launched", "INVOKE", "SHUTDOWN");
		for (int i = 0; i < 9; i++) {
			this.client.registerId("agent-" + i, "INVOKE");
		}
		assertError(this.client.register("agent-9", "{\"events\":[\"INVOKE\"]}"), 403, "Extension.TooManyExtensions");
	}

	@Test
	void shutdownShouldGoToExternalExtensionsOnlyAndNotWaitForInternalOnes() throws Exception {
		String external = this.client.registerId("launched", "INVOKE", "SHUTDOWN");
		String internal = this.client.registerId("agent", "INVOKE");
		CompletableFuture<HttpResponse<String>> externalShutdown = this.client.next(external);
		CompletableFuture<HttpResponse<String>> internalNext = this.client.next(internal);
		this.emulator.awaitInitComplete(TIMEOUT);
		this.emulator.shutdown("spindown");
		assertThat(ApiClient.json(externalShutdown.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).body()))
			.containsEntry("eventType", "SHUTDOWN");
		this.emulator.recordProcessExit("launched", 0, false);
		assertThat(this.emulator.extension("launched").state()).isEqualTo(EmulatedExtensionState.EXITED);
		assertThat(internalNext).isNotDone();
		assertThat(this.emulator.history().handedOutEvents())
			.noneMatch((event) -> event.extensionName().equals("agent") && event.eventType().equals("SHUTDOWN"));
	}

	@Test
	void runtimeShouldReceiveEachInvocationAndAnswerIt() throws Exception {
		this.client.next(this.client.registerId("agent", "INVOKE"));
		CompletableFuture<HttpResponse<String>> next = this.client.runtimeNext();
		this.emulator.runtime().awaitFirstNext(TIMEOUT);
		Invocation invocation = this.emulator.invoke(InvokeRequest.builder().traceHeader("Root=1-abc").build());
		HttpResponse<String> event = next.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(event.statusCode()).isEqualTo(200);
		assertThat(event.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).contains(invocation.requestId());
		assertThat(event.headers().firstValue("Lambda-Runtime-Deadline-Ms"))
			.contains(String.valueOf(invocation.deadline().toEpochMilli()));
		assertThat(event.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn"))
			.contains(invocation.invokedFunctionArn());
		assertThat(event.headers().firstValue("Lambda-Runtime-Trace-Id")).contains("Root=1-abc");
		HttpResponse<String> posted = this.client
			.runtimePost("invocation/" + invocation.requestId() + "/response", null, "{\"ok\":true}");
		assertThat(posted.statusCode()).isEqualTo(202);
		assertThat(this.emulator.runtime().awaitResult(invocation.requestId(), TIMEOUT))
			.isEqualTo(new EmulatedRuntime.Result(invocation.requestId(), false, null, "{\"ok\":true}"));
		assertError(this.client.runtimePost("invocation/" + invocation.requestId() + "/response", null, "{}"), 400,
				"InvalidRequestID");
	}

	@Test
	void runtimeErrorsShouldBeRecorded() throws Exception {
		CompletableFuture<HttpResponse<String>> next = this.client.runtimeNext();
		this.emulator.runtime().awaitFirstNext(TIMEOUT);
		Invocation invocation = this.emulator.invoke();
		next.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(this.client.runtimePost("invocation/" + invocation.requestId() + "/error", "Unhandled",
				"{\"errorMessage\":\"boom\"}").statusCode()).isEqualTo(202);
		EmulatedRuntime.Result result = this.emulator.runtime().awaitResult(invocation.requestId(), TIMEOUT);
		assertThat(result.error()).isTrue();
		assertThat(result.errorType()).isEqualTo("Unhandled");
		assertThat(this.client.runtimePost("init/error", "Runtime.ClassNotFound", "{}").statusCode()).isEqualTo(202);
		assertThat(this.emulator.runtime().initErrorType()).isEqualTo("Runtime.ClassNotFound");
	}

	@Test
	void secondRuntimeNextWhileOneWaitsShouldBeRefused() {
		this.client.runtimeNext();
		this.emulator.runtime().awaitFirstNext(TIMEOUT);
		assertError(this.client.runtimeNext().join(), 403, "InvalidStateTransition");
	}

	@Test
	void runtimeNextShouldStayParkedThroughShutdownAsLambdaSendsTheRuntimeSigtermInstead() throws Exception {
		CompletableFuture<HttpResponse<String>> next = this.client.runtimeNext();
		this.emulator.runtime().awaitFirstNext(TIMEOUT);
		this.emulator.awaitInitComplete(TIMEOUT);
		this.emulator.shutdown("spindown");
		assertError(this.client.runtimeNext().join(), 403, "InvalidStateTransition");
		assertThat(next).isNotDone();
		this.emulator.close();
		// Closing the emulator ends the call: a 500, or the connection dropped with the server.
		assertThat(next.handle((response, failure) -> response == null || response.statusCode() == 500)
			.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
	}

	private static void assertError(HttpResponse<String> response, int status, String errorType) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(ApiClient.json(response.body())).containsEntry("errorType", errorType);
	}

}
