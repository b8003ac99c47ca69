package dev.lambdaextension.telemetry.receiver;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.lambdaextension.telemetry.TelemetryBatchParser;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.dispatch.DispatchOptions;
import dev.lambdaextension.telemetry.dispatch.TelemetryDispatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
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
		assertThat(this.batches.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).hasSize(1);
	}

	@Test
	void postOversizeBodyShouldAnswer413() throws Exception {
		start(1024, this::record);
		String body = "[" + String.join(",", Collections.nCopies(40, LOG)) + "]";
		assertThat(body.length()).isGreaterThan(2048);
		assertThat(send("POST", body).statusCode()).isEqualTo(413);
		assertThat(this.receiver.getStats().rejectedBodies()).isEqualTo(1);
		assertThat(send("POST", "[" + LOG + "]").statusCode()).isEqualTo(200);
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
	void receiverThreadsShouldBeNamed() throws Exception {
		BlockingQueue<String> threads = new LinkedBlockingQueue<>();
		start(TelemetryReceiver.DEFAULT_MAX_BODY_BYTES, (events) -> threads.add(Thread.currentThread().getName()));
		assertThat(send("POST", "[" + START + "]").statusCode()).isEqualTo(200);
		assertThat(threads.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
			.startsWith(TelemetryReceiver.THREAD_NAME_PREFIX);
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

	private boolean record(List<TelemetryEvent> events) {
		if (!this.accepting.get()) {
			return false;
		}
		this.batches.add(events);
		return true;
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

	private HttpResponse<String> send(String method, BodyPublisher body) throws Exception {
		HttpRequest request = request().header("Content-Type", "application/json").method(method, body).build();
		return this.client.send(request, BodyHandlers.ofString());
	}

	private HttpRequest.Builder request() {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.receiver.getPort() + "/telemetry"))
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

}
