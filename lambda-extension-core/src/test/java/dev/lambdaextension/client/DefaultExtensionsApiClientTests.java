package dev.lambdaextension.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.lambdaextension.test.emulator.Invocation;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.emulator.RecordedCall;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DefaultExtensionsApiClient} against the emulator.
 */
class DefaultExtensionsApiClientTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@AutoClose
	private final LambdaEmulator emulator = LambdaEmulator.builder()
		.functionName("orders-api")
		.accountId("210987654321")
		.build();

	private final DefaultExtensionsApiClient client = new DefaultExtensionsApiClient(
			new RuntimeApiHttp(this.emulator.runtimeApi(), JsonMapper.shared(), Duration.ofSeconds(5)));


	@Test
	void registerShouldSendNameEventsAndFeatureAndReturnTheIdentifier() {
		RegisterResponse response = this.client.register("reporter",
				EnumSet.of(LifecycleEventType.SHUTDOWN, LifecycleEventType.INVOKE), true);
		RecordedCall call = this.emulator.history().calls(LambdaEmulator.REGISTER_PATH).get(0);
		assertThat(call.header("Lambda-Extension-Name")).isEqualTo("reporter");
		assertThat(call.header("Lambda-Extension-Accept-Feature")).isEqualTo("accountId");
		assertThat(call.header("Content-Type")).isEqualTo("application/json");
		assertThat(call.body()).isEqualTo("{\"events\":[\"INVOKE\",\"SHUTDOWN\"]}");
		assertThat(response.extensionId()).isEqualTo(this.emulator.extension("reporter").id());
		assertThat(response.functionName()).isEqualTo("orders-api");
		assertThat(response.functionVersion()).isEqualTo("$LATEST");
		assertThat(response.accountId()).isEqualTo("210987654321");
	}

	@Test
	void registerWithoutFeatureShouldNotReceiveTheAccountId() {
		assertThat(this.client.register("reporter", EnumSet.of(LifecycleEventType.INVOKE), false).accountId())
			.isNull();
		assertThat(this.emulator.history().calls(LambdaEmulator.REGISTER_PATH).get(0).header("Lambda-Extension-Accept-Feature"))
			.isNull();
	}

	@Test
	void refusedRegistrationShouldCarryStatusAndErrorType() {
		this.client.register("reporter", EnumSet.of(LifecycleEventType.INVOKE), false);
		assertThatExceptionOfType(ExtensionsApiException.class)
			.isThrownBy(() -> this.client.register("reporter", EnumSet.of(LifecycleEventType.INVOKE), false))
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(403);
				assertThat(ex.getErrorType()).isEqualTo("Extension.InvalidExtensionState");
				assertThat(ex.isTransient()).isFalse();
			});
	}

	@Test
	void nextShouldReturnInvokeAndShutdownEvents() {
		String id = this.client.register("reporter", EnumSet.allOf(LifecycleEventType.class), false).extensionId();
		CompletableFuture<NextEvent> first = CompletableFuture.supplyAsync(() -> this.client.next(id));
		this.emulator.awaitInitComplete(WAIT);
		Invocation invocation = this.emulator.invoke();
		assertThat(first.join()).isInstanceOfSatisfying(InvokeEvent.class, (invoke) -> {
			assertThat(invoke.requestId()).isEqualTo(invocation.requestId());
			assertThat(invoke.deadline()).isEqualTo(invocation.deadline());
			assertThat(invoke.invokedFunctionArn()).isEqualTo(invocation.invokedFunctionArn());
		});
		CompletableFuture<NextEvent> second = CompletableFuture.supplyAsync(() -> this.client.next(id));
		invocation.awaitExtensionsDone(WAIT);
		Instant deadline = this.emulator.shutdown("timeout", Duration.ofSeconds(2));
		assertThat(second.join()).isEqualTo(new ShutdownEvent(ShutdownReason.TIMEOUT, deadline));
	}

	@Test
	void nextWithUnknownEventTypeShouldReturnUnrecognizedEvent() {
		String id = this.client.register("reporter", EnumSet.allOf(LifecycleEventType.class), false).extensionId();
		this.emulator.faults().failNext(LambdaEmulator.NEXT_PATH, 200, "{\"eventType\":\"RESTORE\",\"deadlineMs\":1732350999000}", 1);
		assertThat(this.client.next(id)).isEqualTo(
				new UnrecognizedEvent("RESTORE", "unknown eventType", Instant.ofEpochMilli(1732350999000L)));
	}

	@Test
	void nextWithTruncatedInvokeShouldReturnUnrecognizedEventWithoutTheBody() {
		String id = this.client.register("reporter", EnumSet.allOf(LifecycleEventType.class), false).extensionId();
		this.emulator.faults().failNext(LambdaEmulator.NEXT_PATH, 200, "{\"eventType\":\"INVOKE\",\"deadlineMs\":17323501", 1);
		assertThat(this.client.next(id)).isInstanceOfSatisfying(UnrecognizedEvent.class, (event) -> {
			assertThat(event.eventType()).isEqualTo("INVOKE");
			assertThat(event.problem()).isEqualTo("body of 43 bytes is not valid JSON");
		});
	}

	@Test
	void nextWithTruncatedShutdownShouldStillReturnTheShutdown() {
		String id = this.client.register("reporter", EnumSet.allOf(LifecycleEventType.class), false).extensionId();
		Instant deadline = Instant.ofEpochMilli(System.currentTimeMillis() + 2000);
		this.emulator.faults().failNext(LambdaEmulator.NEXT_PATH, 200, "{\"eventType\":\"SHUTDOWN\",\"deadlineMs\":"
				+ deadline.toEpochMilli() + ",\"shutdownReason\":\"spin", 1);
		assertThat(this.client.next(id)).isEqualTo(new ShutdownEvent(ShutdownReason.UNKNOWN, deadline));
	}

	@Test
	void nextWithTruncatedShutdownWithoutDeadlineShouldAssumeAShortBudget() {
		String id = this.client.register("reporter", EnumSet.allOf(LifecycleEventType.class), false).extensionId();
		this.emulator.faults().failNext(LambdaEmulator.NEXT_PATH, 200, "{\"eventType\":\"SHUTDOWN\",\"shutdownReason\":\"spindown\",\"dead", 1);
		Instant before = Instant.now();
		NextEvent event = this.client.next(id);
		assertThat(event).isInstanceOfSatisfying(ShutdownEvent.class, (shutdown) -> {
			assertThat(shutdown.reason()).isEqualTo(ShutdownReason.SPINDOWN);
			assertThat(shutdown.deadline()).isBetween(before.plus(UnreadableEventBody.ASSUMED_SHUTDOWN_BUDGET),
					Instant.now().plus(UnreadableEventBody.ASSUMED_SHUTDOWN_BUDGET));
		});
	}

	@Test
	void abortCallsShouldEndAParkedNext() throws Exception {
		String id = this.client.register("reporter", EnumSet.allOf(LifecycleEventType.class), false).extensionId();
		CompletableFuture<NextEvent> parked = CompletableFuture.supplyAsync(() -> this.client.next(id));
		this.emulator.awaitInitComplete(WAIT);
		this.client.abortCalls();
		assertThat(parked).failsWithin(WAIT.toSeconds(), TimeUnit.SECONDS)
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.havingCause()
			.isInstanceOf(ExtensionsApiException.class);
	}

	@Test
	void initErrorShouldSendTheErrorTypeHeaderAndBody() {
		String id = this.client.register("reporter", EnumSet.allOf(LifecycleEventType.class), false).extensionId();
		this.client.initError(id, new ExtensionError("Extension.ConfigInvalid", "bad\nconfig"));
		assertThat(this.emulator.extension("reporter").initErrorType()).isEqualTo("Extension.ConfigInvalid");
		assertThat(this.emulator.extension("reporter").initErrorBody()).contains("bad\\nconfig");
	}

	@Test
	void unreachableRuntimeApiShouldBeTransientWithStatusZero() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		DefaultExtensionsApiClient unreachable = new DefaultExtensionsApiClient(
				new RuntimeApiHttp("127.0.0.1:" + port, JsonMapper.shared(), Duration.ofSeconds(1)));
		assertThatExceptionOfType(ExtensionsApiException.class)
			.isThrownBy(() -> unreachable.register("reporter", EnumSet.allOf(LifecycleEventType.class), false))
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isZero();
				assertThat(ex.isTransient()).isTrue();
				assertThat(ex.getMessage()).contains("127.0.0.1:" + port + " is unreachable");
			});
	}

}
