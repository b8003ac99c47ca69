package dev.lambdaextension.telemetry.receiver;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.lambdaextension.telemetry.FunctionLog;
import dev.lambdaextension.telemetry.TelemetryBatchParser;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.dispatch.DispatchOptions;
import dev.lambdaextension.telemetry.dispatch.TelemetryDispatcher;
import dev.lambdaextension.test.logging.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link TelemetryReceiver}.
 */
class TelemetryReceiverTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String START = "{\"time\":\"2025-11-23T10:15:01.000Z\",\"type\":\"platform.start\","
			+ "\"record\":{\"requestId\":\"r-1\"}}";

	private static final String LOG = "{\"time\":\"2025-11-23T10:15:01.100Z\",\"type\":\"function\","
			+ "\"record\":\"created order 42\"}";

	@RegisterExtension
	final LogCapture logs = LogCapture.of("dev.lambdaextension.telemetry.receiver");

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final BlockingQueue<List<TelemetryEvent>> batches = new LinkedBlockingQueue<>();

	private final AtomicBoolean accepting = new AtomicBoolean(true);

	private TelemetryReceiver receiver;

	@AfterEach
	void stopReceiver() {
		if (this.receiver != null) {
			this.receiver.stop();
		}
	}

	@Test
	void postValidArrayShouldAnswer200AndHandOverEvents() throws Exception {
		start(TelemetryReceiver.DEFAULT_MAX_BODY_BYTES, this::record);
		HttpResponse<String> response = send("POST", "[" + START + "," + LOG + "]");
		assertThat(response.statusCode()).isEqualTo(200);
		List<TelemetryEvent> batch = this.batches.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(batch).extracting(TelemetryEvent::type).containsExactly("platform.start", "function");
		assertThat(this.receiver.getStats().batchesReceived()).isEqualTo(1);
		assertThat(this.receiver.getStats().eventsReceived()).isEqualTo(2);
	}

	@Test
	void putShouldBeAcceptedLikePost() throws Exception {
		start(TelemetryReceiver.DEFAULT_MAX_BODY_BYTES, this::record);
		assertThat(send("PUT", "[" + START + "]").statusCode()).isEqualTo(200);
		assertThat(this.batches.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).hasSize(1);
	}

	@Test
	void postEmptyArrayShouldAnswer200WithoutCallingHandler() throws Exception {
		start(TelemetryReceiver.DEFAULT_MAX_BODY_BYTES, this::record);
		assertThat(send("POST", "[]").statusCode()).isEqualTo(200);
		assertThat(this.batches).isEmpty();
	}

	@Test
	void postNonArrayShouldAnswer400AndKeepServing() throws Exception {
		start(TelemetryReceiver.DEFAULT_MAX_BODY_BYTES, this::record);
		assertThat(send("POST", START).statusCode()).isEqualTo(400);
		assertThat(send("POST", "not json at all").statusCode()).isEqualTo(400);
		assertThat(send("POST", "[" + START + "]").statusCode()).isEqualTo(200);
		assertThat(this.receiver.getStats().rejectedBodies()).isEqualTo(2);
		assertThat(this.receiver.getStats().malformedBodies()).isEqualTo(2);
		assertThat(this.batches.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).hasSize(1);
		this.logs.await(Level.WARNING, "Refused a telemetry request whose body is not a JSON array (88 bytes)", TIMEOUT);
		this.logs.await(Level.WARNING, "Refused a telemetry request whose body is not a JSON array (15 bytes)", TIMEOUT);
		assertThat(this.logs.messages(Level.WARNING)).containsExactly(
				"Refused a telemetry request whose body is not a JSON array (88 bytes)",
				"Refused a telemetry request whose body is not a JSON array (15 bytes)");
	}

	@Test
	void postOversizeBodyShouldAnswer413() throws Exception {
		start(1024, this::record);
		String body = "[" + String.join(",", Collections.nCopies(40, LOG)) + "]";
		assertThat(body.length()).isGreaterThan(2048);
		assertThat(send("POST", body).statusCode()).isEqualTo(413);
		assertThat(this.receiver.getStats().rejectedBodies()).isEqualTo(1);
		assertThat(this.receiver.getStats().malformedBodies()).isZero();
		assertThat(send("POST", "[" + LOG + "]").statusCode()).isEqualTo(200);
		this.logs.await(Level.WARNING, "Refused a telemetry request of 3,281 bytes, more than the 1,024 bytes allowed", TIMEOUT);
		assertThat(this.logs.messages(Level.WARNING)).containsExactly(
				"Refused a telemetry request of 3,281 bytes, more than the 1,024 bytes allowed");
	}

	@Test
	void postOversizeChunkedBodyShouldAnswer413() throws Exception {
		start(1024, this::record);
		byte[] body = ("[" + String.join(",", Collections.nCopies(40, LOG)) + "]")
			.getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> response = send("POST",
				BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(this.batches).isEmpty();
		this.logs.await(Level.WARNING, "Refused a telemetry request larger than the 1,024 bytes allowed", TIMEOUT);
		assertThat(this.logs.messages(Level.WARNING)).containsExactly(
				"Refused a telemetry request larger than the 1,024 bytes allowed");
	}

	@Test
	void getShouldAnswer405() throws Exception {
		start(TelemetryReceiver.DEFAULT_MAX_BODY_BYTES, this::record);
		HttpResponse<String> response = this.client.send(request().GET().build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.headers().firstValue("Allow")).hasValue("POST, PUT");
	}

	@Test
	void malformedElementShouldBeCountedAndOthersDelivered() throws Exception {
		start(TelemetryReceiver.DEFAULT_MAX_BODY_BYTES, this::record);
		HttpResponse<String> response = send("POST", "[" + START + ",42,{\"record\":{}}," + LOG + "]");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.batches.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).extracting(TelemetryEvent::type)
			.containsExactly("platform.start", "function");
		assertThat(this.receiver.getStats().malformedEvents()).isEqualTo(2);
		this.logs.await(Level.WARNING, "Skipped 2 malformed telemetry event(s) in a batch of 4", TIMEOUT);
		assertThat(this.logs.messages(Level.WARNING)).containsExactly(
				"Skipped 2 malformed telemetry event(s) in a batch of 4");
	}

	@Test
	void handlerRefusalShouldAnswer503() throws Exception {
		start(TelemetryReceiver.DEFAULT_MAX_BODY_BYTES, this::record);
		this.accepting.set(false);
		assertThat(send("POST", "[" + START + "]").statusCode()).isEqualTo(503);
		assertThat(this.receiver.getStats().refusedBatches()).isEqualTo(1);
	}

	@Test
	void handlerFailureShouldAnswer500AndKeepServing() throws Exception {
		AtomicBoolean fail = new AtomicBoolean(true);
		start(TelemetryReceiver.DEFAULT_MAX_BODY_BYTES, (events) -> {
			if (fail.getAndSet(false)) {
				throw new IllegalStateException("boom");
			}
			return record(events);
		});
		assertThat(send("POST", "[" + START + "]").statusCode()).isEqualTo(500);
		assertThat(send("POST", "[" + START + "]").statusCode()).isEqualTo(200);
		assertThat(this.logs.await(Level.ERROR, "Telemetry receiver failed to handle a batch", TIMEOUT).thrown())
			.isInstanceOf(IllegalStateException.class)
			.hasMessage("boom");
		assertThat(this.logs.messages(Level.ERROR)).hasSize(1);
	}

	@Test
	void receiveShouldNotWaitForSlowConsumer() throws Exception {
		CountDownLatch consuming = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch consumed = new CountDownLatch(3);
		try (TelemetryDispatcher dispatcher = new TelemetryDispatcher((batch) -> {
			consuming.countDown();
			await(release);
			consumed.countDown();
		}, DispatchOptions.defaults())) {
			start(TelemetryReceiver.DEFAULT_MAX_BODY_BYTES, dispatcher);
			assertThat(send("POST", "[" + START + "]").statusCode()).isEqualTo(200);
			assertThat(consuming.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
			assertThat(send("POST", "[" + LOG + "]").statusCode()).isEqualTo(200);
			assertThat(send("POST", "[" + LOG + "]").statusCode()).isEqualTo(200);
			assertThat(consumed.getCount()).isEqualTo(3);
			release.countDown();
			assertThat(consumed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		}
	}

	@Test
	void receiverThreadsShouldBeNamedDaemons() throws Exception {
		BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();
		start(TelemetryReceiver.DEFAULT_MAX_BODY_BYTES, (events) -> threads.add(Thread.currentThread()));
		assertThat(send("POST", "[" + START + "]").statusCode()).isEqualTo(200);
		Thread thread = threads.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(thread).isNotNull();
		assertThat(thread.getName()).matches(TelemetryReceiver.THREAD_NAME_PREFIX + "\\d+");
		assertThat(thread.isDaemon()).isTrue();
	}

	@Test
	void getPortWhenNotStartedShouldThrow() {
		TelemetryReceiver notStarted = TelemetryReceiver.builder(this::record).build();
		assertThatIllegalStateException().isThrownBy(notStarted::getPort);
	}

	@Test
	void stopShouldReleaseThePort() throws Exception {
		start(TelemetryReceiver.DEFAULT_MAX_BODY_BYTES, this::record);
		this.receiver.stop();
		assertThat(this.receiver.isRunning()).isFalse();
		this.receiver.start();
		assertThat(send("POST", "[" + START + "]").statusCode()).isEqualTo(200);
	}

	@Test
	void stalledClientsShouldNotDelayAnotherClient() throws Exception {
		this.receiver = builder().readTimeout(Duration.ofMinutes(1)).build();
		this.receiver.start();
		List<RawConnection> stalled = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				RawConnection connection = connect();
				connection.send(post("/", 200) + "[" + START.substring(0, 40));
				stalled.add(connection);
			}
			awaitOpenConnections(4);
			long started = System.nanoTime();
			HttpResponse<String> response = this.client.send(request().timeout(Duration.ofSeconds(5))
				.POST(BodyPublishers.ofString("[" + START + "]"))
				.build(), BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
			assertThat(this.batches.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).hasSize(1);
			assertThat(this.receiver.openConnections()).isGreaterThanOrEqualTo(4);
		}
		finally {
			for (RawConnection connection : stalled) {
				connection.close();
			}
		}
	}

	@Test
	void stalledClientShouldBeDisconnectedAfterReadTimeout() throws Exception {
		Duration readTimeout = Duration.ofMillis(300);
		this.receiver = builder().readTimeout(readTimeout).build();
		this.receiver.start();
		try (RawConnection connection = connect()) {
			long started = System.nanoTime();
			connection.send(post("/", 200) + "[" + START.substring(0, 40));
			assertThat(connection.readResponse().status()).isEqualTo(408);
			assertThat(connection.closedByServer()).isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(readTimeout);
		}
		awaitOpenConnections(0);
		assertThat(this.batches).isEmpty();
		this.logs.await(Level.WARNING, "Closing a telemetry connection whose request did not arrive in time", TIMEOUT);
		assertThat(this.logs.messages(Level.WARNING)).containsExactly(
				"Closing a telemetry connection whose request did not arrive in time");
	}

	@Test
	void silentClientShouldBeDisconnectedAfterReadTimeout() throws Exception {
		Duration readTimeout = Duration.ofMillis(300);
		this.receiver = builder().readTimeout(readTimeout).idleTimeout(Duration.ofMinutes(1)).build();
		this.receiver.start();
		try (RawConnection connection = connect()) {
			long started = System.nanoTime();
			assertThat(connection.closedByServer()).isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		}
		awaitOpenConnections(0);
	}

	@Test
	void stopShouldReleaseAFixedPort() throws Exception {
		int port;
		try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			port = probe.getLocalPort();
		}
		this.receiver = builder().address(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port)).build();
		this.receiver.start();
		for (int i = 0; i < 30; i++) {
			try (RawConnection connection = connect()) {
				connection.send(post("/", LOG.length() + 2) + "[" + LOG + "]");
				assertThat(connection.readResponse().status()).isEqualTo(200);
				this.receiver.stop();
				this.receiver.start();
				assertThat(this.receiver.getPort()).isEqualTo(port);
			}
		}
		assertThat(send("POST", "[" + LOG + "]").statusCode()).isEqualTo(200);
	}

	@Test
	void tricklingClientShouldBeDisconnectedAfterRequestTimeout() throws Exception {
		Duration requestTimeout = Duration.ofMillis(500);
		this.receiver = builder().readTimeout(Duration.ofSeconds(5)).requestTimeout(requestTimeout).build();
		this.receiver.start();
		try (RawConnection connection = connect()) {
			long started = System.nanoTime();
			connection.send("POST / HTTP/1.1\r\nHost: x\r\n");
			Thread trickler = new Thread(() -> {
				try {
					while (!Thread.currentThread().isInterrupted()) {
						Thread.sleep(50);
						connection.send("X-Slow: y\r\n");
					}
				}
				catch (Exception ex) {
					// the receiver closed the connection or the test ended
				}
			});
			trickler.start();
			try {
				assertThat(connection.readResponse().status()).isEqualTo(408);
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(requestTimeout)
					.isLessThan(Duration.ofSeconds(5));
			}
			finally {
				trickler.interrupt();
				trickler.join(TIMEOUT.toMillis());
			}
		}
		this.logs.await(Level.WARNING, "Closing a telemetry connection whose request did not arrive in time", TIMEOUT);
		assertThat(this.logs.messages(Level.WARNING)).containsExactly(
				"Closing a telemetry connection whose request did not arrive in time");
	}

	@Test
	void idleKeepAliveConnectionShouldBeClosedAfterIdleTimeout() throws Exception {
		Duration idleTimeout = Duration.ofMillis(300);
		this.receiver = builder().idleTimeout(idleTimeout).build();
		this.receiver.start();
		try (RawConnection connection = connect()) {
			long sent = System.nanoTime();
			connection.send(post("/", START.length() + 2) + "[" + START + "]");
			RawResponse response = connection.readResponse();
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.headers()).doesNotContainKey("connection");
			assertThat(connection.closedByServer()).isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(idleTimeout);
		}
		awaitOpenConnections(0);
	}

	@Test
	void connectionsBeyondTheCapShouldBeRefusedWithoutAffectingOthers() throws Exception {
		this.receiver = builder().maxConnections(2).build();
		this.receiver.start();
		try (RawConnection first = connect()) {
			first.send("POST / HTTP/1.1\r\n");
			try (RawConnection second = connect()) {
				second.send("POST / HTTP/1.1\r\n");
				awaitOpenConnections(2);
				assertRefused();
			}
			awaitOpenConnections(1);
			assertThat(send("POST", "[" + LOG + "]").statusCode()).isEqualTo(200);
			first.send("Content-Length: " + (START.length() + 2) + "\r\n\r\n[" + START + "]");
			assertThat(first.readResponse().status()).isEqualTo(200);
		}
		assertThat(this.batches.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).hasSize(1);
		assertThat(this.batches.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).hasSize(1);
		this.logs.await(Level.WARNING, "Refused a telemetry connection: 2 connections are already open", TIMEOUT);
		assertThat(this.logs.messages(Level.WARNING)).containsExactly(
				"Refused a telemetry connection: 2 connections are already open");
	}

	private void assertRefused() throws Exception {
		try (RawConnection refused = connect()) {
			RawResponse response = refused.readResponse();
			assertThat(response.status()).isEqualTo(503);
			assertThat(response.headers()).containsEntry("connection", "close");
			assertThat(refused.closedByServer()).isTrue();
		}
	}

	@Test
	void otherPathShouldAnswer404AndQueryStringBeIgnored() throws Exception {
		this.receiver = builder().path("/telemetry").build();
		this.receiver.start();
		assertThat(this.receiver.getPath()).isEqualTo("/telemetry");
		assertThat(send(request("/"), "[" + START + "]").statusCode()).isEqualTo(404);
		assertThat(send(request("/telemetry/"), "[" + START + "]").statusCode()).isEqualTo(404);
		assertThat(send(request("/other"), "[" + START + "]").statusCode()).isEqualTo(404);
		assertThat(this.batches).isEmpty();
		assertThat(this.receiver.getStats().rejectedBodies()).isEqualTo(3);
		assertThat(send(request("/telemetry?seq=1"), "[" + START + "]").statusCode()).isEqualTo(200);
		assertThat(this.batches.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).hasSize(1);
	}

	@Test
	void defaultPathShouldBeTheRoot() {
		assertThat(TelemetryReceiver.builder(this::record).build().getPath()).isEqualTo("/");
		assertThatIllegalArgumentException().isThrownBy(() -> TelemetryReceiver.builder(this::record).path("x"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TelemetryReceiver.builder(this::record).path("/a?b=c"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TelemetryReceiver.builder(this::record).readTimeout(Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> TelemetryReceiver.builder(this::record).maxConnections(0));
	}

	@Test
	void otherMethodsShouldAnswer405WithAllowAndKeepTheConnection() throws Exception {
		start(TelemetryReceiver.DEFAULT_MAX_BODY_BYTES, this::record);
		try (RawConnection connection = connect()) {
			connection.send("DELETE / HTTP/1.1\r\nHost: x\r\n\r\n");
			RawResponse response = connection.readResponse();
			assertThat(response.status()).isEqualTo(405);
			assertThat(response.headers()).containsEntry("allow", "POST, PUT").containsEntry("content-length", "0");
			connection.send(post("/", LOG.length() + 2) + "[" + LOG + "]");
			assertThat(connection.readResponse().status()).isEqualTo(200);
		}
		assertThat(this.receiver.getStats().rejectedBodies()).isEqualTo(1);
	}

	@Test
	void chunkedBodyShouldBeDelivered() throws Exception {
		start(TelemetryReceiver.DEFAULT_MAX_BODY_BYTES, this::record);
		String body = "[" + START + "," + LOG + "]";
		String first = body.substring(0, 17);
		String second = body.substring(17);
		try (RawConnection connection = connect()) {
			connection.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
					+ Integer.toHexString(first.length()) + ";ext=1\r\n" + first + "\r\n"
					+ Integer.toHexString(second.length()).toUpperCase(Locale.ROOT) + "\r\n" + second + "\r\n"
					+ "0\r\nX-Trailer: t\r\n\r\n");
			assertThat(connection.readResponse().status()).isEqualTo(200);
			connection.send(post("/", LOG.length() + 2) + "[" + LOG + "]");
			assertThat(connection.readResponse().status()).isEqualTo(200);
		}
		assertThat(this.batches.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).extracting(TelemetryEvent::type)
			.containsExactly("platform.start", "function");
		assertThat(this.batches.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).hasSize(1);
	}

	@Test
	void severalRequestsShouldBeServedOnOneKeptAliveConnection() throws Exception {
		start(TelemetryReceiver.DEFAULT_MAX_BODY_BYTES, this::record);
		String request = post("/", LOG.length() + 2) + "[" + LOG + "]";
		try (RawConnection connection = connect()) {
			for (int i = 0; i < 3; i++) {
				connection.send(request);
				RawResponse response = connection.readResponse();
				assertThat(response.status()).isEqualTo(200);
				assertThat(response.headers()).containsEntry("content-length", "0").doesNotContainKey("connection");
			}
			connection.send(request + request);
			assertThat(connection.readResponse().status()).isEqualTo(200);
			assertThat(connection.readResponse().status()).isEqualTo(200);
			assertThat(this.receiver.openConnections()).isEqualTo(1);
		}
		assertThat(this.receiver.getStats().batchesReceived()).isEqualTo(5);
	}

	@Test
	void connectionCloseShouldBeHonoured() throws Exception {
		start(TelemetryReceiver.DEFAULT_MAX_BODY_BYTES, this::record);
		try (RawConnection connection = connect()) {
			connection.send("POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: "
					+ (LOG.length() + 2) + "\r\n\r\n[" + LOG + "]");
			RawResponse response = connection.readResponse();
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.headers()).containsEntry("connection", "close");
			assertThat(connection.closedByServer()).isTrue();
		}
	}

	@Test
	void http10ShouldCloseUnlessKeepAliveIsAsked() throws Exception {
		start(TelemetryReceiver.DEFAULT_MAX_BODY_BYTES, this::record);
		String body = "[" + LOG + "]";
		try (RawConnection connection = connect()) {
			connection.send("POST / HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: " + body.length()
					+ "\r\n\r\n" + body);
			assertThat(connection.readResponse().headers()).containsEntry("connection", "keep-alive");
			connection.send("POST / HTTP/1.0\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
			assertThat(connection.readResponse().status()).isEqualTo(200);
			assertThat(connection.closedByServer()).isTrue();
		}
	}

	@Test
	void declaredOversizeBodyShouldAnswer413AndClose() throws Exception {
		start(1024, this::record);
		try (RawConnection connection = connect()) {
			connection.send(post("/", 5000));
			RawResponse response = connection.readResponse();
			assertThat(response.status()).isEqualTo(413);
			assertThat(response.headers()).containsEntry("connection", "close");
			assertThat(connection.closedByServer()).isTrue();
		}
		assertThat(this.receiver.getStats().rejectedBodies()).isEqualTo(1);
		assertThat(this.batches).isEmpty();
		this.logs.await(Level.WARNING, "Refused a telemetry request of 5,000 bytes, more than the 1,024 bytes allowed", TIMEOUT);
		assertThat(this.logs.messages(Level.WARNING)).containsExactly(
				"Refused a telemetry request of 5,000 bytes, more than the 1,024 bytes allowed");
	}

	@Test
	void actualOversizeChunkedBodyShouldAnswer413AndClose() throws Exception {
		start(1024, this::record);
		String chunk = "[" + String.join(",", Collections.nCopies(20, LOG)) + "]";
		try (RawConnection connection = connect()) {
			connection.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
					+ Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
			RawResponse response = connection.readResponse();
			assertThat(response.status()).isEqualTo(413);
			assertThat(response.headers()).containsEntry("connection", "close");
			assertThat(connection.closedByServer()).isTrue();
		}
		assertThat(this.receiver.getStats().rejectedBodies()).isEqualTo(1);
		assertThat(this.batches).isEmpty();
		this.logs.await(Level.WARNING, "Refused a telemetry request larger than the 1,024 bytes allowed", TIMEOUT);
		assertThat(this.logs.messages(Level.WARNING)).containsExactly(
				"Refused a telemetry request larger than the 1,024 bytes allowed");
	}

	@Test
	void expectContinueShouldBeAnsweredBeforeTheBody() throws Exception {
		start(TelemetryReceiver.DEFAULT_MAX_BODY_BYTES, this::record);
		try (RawConnection connection = connect()) {
			connection.send("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: "
					+ (LOG.length() + 2) + "\r\n\r\n");
			assertThat(connection.readResponse().status()).isEqualTo(100);
			connection.send("[" + LOG + "]");
			assertThat(connection.readResponse().status()).isEqualTo(200);
		}
		assertThat(this.batches.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).hasSize(1);
	}

	@Test
	void malformedRequestShouldAnswer400AndClose() throws Exception {
		start(TelemetryReceiver.DEFAULT_MAX_BODY_BYTES, this::record);
		try (RawConnection connection = connect()) {
			connection.send("POST / HTTP/1.1\r\nContent-Length: twelve\r\n\r\n");
			assertThat(connection.readResponse().status()).isEqualTo(400);
			assertThat(connection.closedByServer()).isTrue();
		}
		try (RawConnection connection = connect()) {
			connection.send("POST / HTTP/1.1\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
			assertThat(connection.readResponse().status()).isEqualTo(431);
			assertThat(connection.closedByServer()).isTrue();
		}
		assertThat(send("POST", "[" + LOG + "]").statusCode()).isEqualTo(200);
		this.logs.await(Level.WARNING, "Refused a telemetry request that is not valid HTTP/1.1 (status 400)", TIMEOUT);
		this.logs.await(Level.WARNING, "Refused a telemetry request that is not valid HTTP/1.1 (status 431)", TIMEOUT);
		assertThat(this.logs.messages(Level.WARNING)).containsExactlyInAnyOrder(
				"Refused a telemetry request that is not valid HTTP/1.1 (status 400)",
				"Refused a telemetry request that is not valid HTTP/1.1 (status 431)");
	}

	@Test
	void invalidUtf8ShouldBeDeliveredWithReplacementCharacters() throws Exception {
		start(TelemetryReceiver.DEFAULT_MAX_BODY_BYTES, this::record);
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes("[{\"time\":\"2025-11-23T10:15:01.100Z\",\"type\":\"function\",\"record\":\"price 5"
			.getBytes(StandardCharsets.UTF_8));
		body.write(0xE2);
		body.write(0x82);
		body.writeBytes(" paid\"}]".getBytes(StandardCharsets.UTF_8));
		HttpRequest request = request().POST(BodyPublishers.ofByteArray(body.toByteArray())).build();
		assertThat(this.client.send(request, BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		assertThat(this.batches.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).singleElement()
			.isInstanceOfSatisfying(FunctionLog.class,
					(log) -> assertThat(log.message()).isEqualTo("price 5\uFFFD paid"));
		assertThat(this.receiver.getStats().rejectedBodies()).isZero();
	}

	@Test
	void stopShouldCloseOpenConnections() throws Exception {
		start(TelemetryReceiver.DEFAULT_MAX_BODY_BYTES, this::record);
		try (RawConnection idle = connect(); RawConnection stalled = connect()) {
			idle.send(post("/", LOG.length() + 2) + "[" + LOG + "]");
			assertThat(idle.readResponse().status()).isEqualTo(200);
			stalled.send(post("/", 100) + "[");
			awaitOpenConnections(2);
			this.receiver.stop();
			assertThat(idle.closedByServer()).isTrue();
			assertThat(stalled.closedByServer()).isTrue();
		}
		assertThat(this.receiver.isRunning()).isFalse();
	}

	private boolean record(List<TelemetryEvent> events) {
		if (!this.accepting.get()) {
			return false;
		}
		this.batches.add(events);
		return true;
	}

	private TelemetryReceiver.Builder builder() throws Exception {
		return TelemetryReceiver.builder(this::record)
			.address(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
	}

	private RawConnection connect() throws Exception {
		return new RawConnection(this.receiver.getPort());
	}

	private void awaitOpenConnections(int expected) throws InterruptedException {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (this.receiver.openConnections() != expected) {
			assertThat(System.nanoTime()).as("open connections to become " + expected).isLessThan(deadline);
			Thread.sleep(10);
		}
	}

	private static String post(String path, int contentLength) {
		return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + contentLength + "\r\n\r\n";
	}

	private void start(long maxBodyBytes, TelemetryBatchHandler handler) throws Exception {
		this.receiver = new TelemetryReceiver(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0),
				maxBodyBytes, new TelemetryBatchParser(), handler);
		this.receiver.start();
		assertThat(this.receiver.getPort()).isPositive();
	}

	private HttpResponse<String> send(String method, String body) throws Exception {
		return send(method, BodyPublishers.ofString(body));
	}

	private HttpResponse<String> send(HttpRequest.Builder request, String body) throws Exception {
		return this.client.send(request.POST(BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());
	}

	private HttpResponse<String> send(String method, BodyPublisher body) throws Exception {
		HttpRequest request = request().header("Content-Type", "application/json").method(method, body).build();
		return this.client.send(request, BodyHandlers.ofString());
	}

	private HttpRequest.Builder request() {
		return request("/");
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.receiver.getPort() + path))
			.timeout(TIMEOUT);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record RawResponse(int status, Map<String, String> headers) {

	}

	/**
	 * A client connection that writes raw bytes and reads responses one by one.
	 */
	private static final class RawConnection implements AutoCloseable {

		private final Socket socket;

		private final InputStream in;

		private final OutputStream out;

		RawConnection(int port) throws IOException {
			this.socket = new Socket();
			this.socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port),
					(int) TIMEOUT.toMillis());
			this.socket.setSoTimeout((int) TIMEOUT.toMillis());
			this.in = this.socket.getInputStream();
			this.out = this.socket.getOutputStream();
		}

		void send(String text) throws IOException {
			this.out.write(text.getBytes(StandardCharsets.UTF_8));
			this.out.flush();
		}

		RawResponse readResponse() throws IOException {
			String statusLine = readLine();
			assertThat(statusLine).startsWith("HTTP/1.1 ");
			Map<String, String> headers = new HashMap<>();
			for (String line = readLine(); !line.isEmpty(); line = readLine()) {
				int colon = line.indexOf(':');
				headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
			}
			int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
			assertThat(this.in.readNBytes(length)).hasSize(length);
			return new RawResponse(Integer.parseInt(statusLine.substring(9, 12)), headers);
		}

		boolean closedByServer() throws IOException {
			try {
				return this.in.read() == -1;
			}
			catch (SocketException ex) {
				return true;
			}
		}

		private String readLine() throws IOException {
			StringBuilder line = new StringBuilder();
			int b;
			while ((b = this.in.read()) != '\n') {
				if (b == -1) {
					throw new EOFException("Connection closed after '" + line + "'");
				}
				line.append((char) b);
			}
			return line.toString().strip();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
