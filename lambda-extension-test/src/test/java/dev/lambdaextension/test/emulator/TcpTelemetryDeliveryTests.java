package dev.lambdaextension.test.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.lambdaextension.test.support.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for telemetry subscriptions with the {@code TCP} destination.
 */
class TcpTelemetryDeliveryTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private LambdaEmulator emulator;

	private ApiClient client;

	private ServerSocket server;

	@BeforeEach
	void setUp() throws IOException {
		this.emulator = LambdaEmulator.builder().build();
		this.client = new ApiClient(this.emulator.runtimeApi());
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread reader = new Thread(this::readLines, "tcp-telemetry-test-reader");
		reader.setDaemon(true);
		reader.start();
	}

	@AfterEach
	void tearDown() throws IOException {
		this.emulator.close();
		this.server.close();
	}

	private void readLines() {
		try (Socket socket = this.server.accept();
				BufferedReader in = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				this.lines.add(line);
			}
		}
		catch (IOException ex) {
			// the server socket closes at the end of each test
		}
	}

	private HttpResponse<String> subscribe(String destination) {
		String id = this.client.registerId("ext-a", "INVOKE");
		return this.client.subscribe(LambdaEmulator.TELEMETRY_PATH, id,
				"{\"schemaVersion\":\"2022-07-01\",\"types\":[\"extension\"],\"buffering\":{\"timeoutMs\":25},"
						+ "\"destination\":" + destination + "}");
	}

	@Test
	void tcpSubscriptionShouldReceiveNewlineDelimitedEvents() throws Exception {
		HttpResponse<String> response = subscribe("{\"protocol\":\"TCP\",\"port\":" + this.server.getLocalPort() + "}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.emulator.telemetry().subscriptions()).singleElement()
			.satisfies((subscription) -> assertThat(subscription.deliveryUri().toString())
				.isEqualTo("tcp://127.0.0.1:" + this.server.getLocalPort()));
		this.emulator.telemetry().emitExtensionLog("first");
		this.emulator.telemetry().emitExtensionLog("second");
		assertThat(List.of(poll(), poll())).allSatisfy((line) -> assertThat(ApiClient.json(line)).containsKey("record"))
			.extracting((line) -> ApiClient.json(line).get("record"))
			.containsExactly("first", "second");
	}

	@Test
	void tcpSubscriptionWithoutPortShouldBeRefused() {
		HttpResponse<String> response = subscribe("{\"protocol\":\"TCP\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(ApiClient.json(response.body())).containsEntry("errorType", "ValidationError");
	}

	@Test
	void unknownProtocolShouldBeRefused() {
		HttpResponse<String> response = subscribe("{\"protocol\":\"UDP\",\"port\":9000}");
		assertThat(response.statusCode()).isEqualTo(400);
	}

	private String poll() throws InterruptedException {
		String line = this.lines.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(line).isNotNull();
		return line;
	}

}
