package dev.lambdaextension.test.emulator;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.lambdaextension.test.support.ApiClient;
import dev.lambdaextension.test.support.TelemetryReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FaultInjectionTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private LambdaEmulator emulator;

	private ApiClient client;

	@BeforeEach
	void setUp() {
		this.emulator = LambdaEmulator.builder().build();
		this.client = new ApiClient(this.emulator.runtimeApi());
	}

	@AfterEach
	void tearDown() {
		this.emulator.close();
	}

	@Test
	void failNextOnTelemetryShouldAnswer5xxThenAcceptTheRetry() {
		try (TelemetryReceiver receiver = new TelemetryReceiver()) {
			String id = this.client.registerId("ext-a", "INVOKE");
			this.emulator.faults().failNext(LambdaEmulator.TELEMETRY_PATH, 500, 2);
			String body = "{\"schemaVersion\":\"2025-01-29\",\"types\":[\"platform\"],"
					+ "\"destination\":{\"protocol\":\"HTTP\",\"URI\":\"" + receiver.sandboxUri() + "\"}}";
			for (int i = 0; i < 2; i++) {
				HttpResponse<String> failed = this.client.subscribe(LambdaEmulator.TELEMETRY_PATH, id, body);
				assertThat(failed.statusCode()).isEqualTo(500);
				assertThat(ApiClient.json(failed.body())).containsEntry("errorType", "InternalServerError");
			}
			assertThat(this.emulator.telemetry().subscriptions()).isEmpty();
			assertThat(this.client.subscribe(LambdaEmulator.TELEMETRY_PATH, id, body).statusCode()).isEqualTo(200);
			assertThat(this.emulator.telemetry().subscriptions()).hasSize(1);
			assertThat(this.emulator.history().calls(LambdaEmulator.TELEMETRY_PATH)).extracting(RecordedCall::status)
				.containsExactly(500, 500, 200);
		}
	}

	@Test
	void droppedConnectionShouldCloseWithoutAnAnswerThenServeTheNextCall() {
		this.emulator.faults().dropConnections(LambdaEmulator.REGISTER_PATH, 1);
		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> this.client.register("ext-a", "{\"events\":[\"INVOKE\"]}"));
		assertThat(this.emulator.extensions()).isEmpty();
		assertThat(this.client.registerId("ext-a", "INVOKE")).isNotBlank();
		assertThat(this.emulator.history().calls(LambdaEmulator.REGISTER_PATH)).extracting(RecordedCall::status)
			.containsExactly(0, 200);
	}

	@Test
	void truncatedEventShouldBeCutMidJsonAndStillCountAsDelivered() throws Exception {
		String id = this.client.registerId("ext-a", "INVOKE");
		CompletableFuture<HttpResponse<String>> first = this.client.next(id);
		this.emulator.faults().truncateNextEvents(1);
		Invocation invocation = this.emulator.invoke();
		HttpResponse<String> truncated = first.get(10, TimeUnit.SECONDS);
		assertThat(truncated.statusCode()).isEqualTo(200);
		String body = truncated.body();
		assertThat(truncated.headers().firstValueAsLong("Content-Length"))
			.hasValue(body.getBytes(StandardCharsets.UTF_8).length);
		assertThat(body).startsWith("{\"eventType\":\"INVOKE\"").doesNotEndWith("}");
		assertThatException().isThrownBy(() -> ApiClient.json(body));
		assertThat(this.emulator.extension("ext-a").state()).isEqualTo(EmulatedExtensionState.RUNNING);
		assertThat(invocation.isDone()).isFalse();
		CompletableFuture<HttpResponse<String>> second = this.client.next(id);
		invocation.awaitExtensionsDone(TIMEOUT);
		Invocation next = this.emulator.invoke();
		assertThat(ApiClient.json(second.get(10, TimeUnit.SECONDS).body())).containsEntry("requestId",
				next.requestId());
	}

	@Test
	void unknownEventTypeShouldBeHandedOutAndAnsweredWithNext() throws Exception {
		String id = this.client.registerId("ext-a", "INVOKE", "SHUTDOWN");
		CompletableFuture<HttpResponse<String>> first = this.client.next(id);
		this.emulator.awaitInitComplete(TIMEOUT);
		assertThat(this.emulator.faults().deliverUnknownEvent("RESTORE")).containsExactly("ext-a");
		Map<String, Object> event = ApiClient.json(first.get(10, TimeUnit.SECONDS).body());
		assertThat(event).containsEntry("eventType", "RESTORE");
		assertThat(this.emulator.extension("ext-a").state()).isEqualTo(EmulatedExtensionState.RUNNING);
		assertThat(this.emulator.extension("ext-a").invokeCount()).isZero();
		CompletableFuture<HttpResponse<String>> second = this.client.next(id);
		this.emulator.awaitExtensionState("ext-a", EmulatedExtensionState.READY, TIMEOUT);
		assertThat(this.emulator.extension("ext-a").nextCount()).isEqualTo(2);
		this.emulator.shutdown("spindown");
		assertThat(ApiClient.json(second.get(10, TimeUnit.SECONDS).body())).containsEntry("eventType", "SHUTDOWN");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.emulator.faults().deliverUnknownEvent("INVOKE"));
	}

	@Test
	void stalledTelemetryConnectionShouldAnnounceMoreBodyThanItSendsAndHoldUntilClosed() throws Exception {
		try (ServerSocket listener = new ServerSocket(0, 4, InetAddress.getByName("127.0.0.1"))) {
			listener.setSoTimeout((int) TIMEOUT.toMillis());
			String id = this.client.registerId("ext-a", "INVOKE");
			assertThat(this.client.subscribe(LambdaEmulator.TELEMETRY_PATH, id,
					"{\"schemaVersion\":\"2025-01-29\",\"types\":[\"platform\"],\"destination\":{\"protocol\":\"HTTP\","
							+ "\"URI\":\"http://sandbox.localdomain:" + listener.getLocalPort() + "/telemetry\"}}")
				.statusCode()).isEqualTo(200);
			AutoCloseable stalled = this.emulator.faults().openStalledTelemetryConnection("ext-a");
			try (Socket connection = listener.accept()) {
				connection.setSoTimeout(300);
				InputStream in = connection.getInputStream();
				ByteArrayOutputStream received = new ByteArrayOutputStream();
				byte[] buffer = new byte[1024];
				boolean timedOut = false;
				while (!timedOut) {
					try {
						int read = in.read(buffer);
						assertThat(read).as("connection closed before the test closed it").isPositive();
						received.write(buffer, 0, read);
					}
					catch (SocketTimeoutException ex) {
						timedOut = true;
					}
				}
				String request = received.toString(StandardCharsets.UTF_8);
				assertThat(request).startsWith("POST /telemetry HTTP/1.1\r\n").contains("Content-Type: application/json");
				Matcher length = Pattern.compile("Content-Length: (\\d+)").matcher(request);
				assertThat(length.find()).isTrue();
				int sentBody = request.substring(request.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.UTF_8).length;
				assertThat(sentBody).isPositive().isLessThan(Integer.parseInt(length.group(1)));
				stalled.close();
				connection.setSoTimeout((int) TIMEOUT.toMillis());
				assertThat(in.read()).isEqualTo(-1);
			}
		}
	}

	@Test
	void stalledConnectionShouldNeedSubscriber() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.emulator.faults().openStalledTelemetryConnection("nobody"));
	}

}
