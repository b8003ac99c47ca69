package dev.lambdaextension.telemetry.receiver;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.lambdaextension.telemetry.FunctionLog;
import dev.lambdaextension.telemetry.TelemetryBatchParser;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.test.logging.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TcpTelemetryReceiver}.
 */
class TcpTelemetryReceiverTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String START = "{\"time\":\"2025-11-23T10:15:01.000Z\",\"type\":\"platform.start\","
			+ "\"record\":{\"requestId\":\"r-1\"}}";

	private static final String LOG = "{\"time\":\"2025-11-23T10:15:01.100Z\",\"type\":\"function\","
			+ "\"record\":\"created order 42\"}";

	@RegisterExtension
	final LogCapture logs = LogCapture.of("dev.lambdaextension.telemetry.receiver");

	private final BlockingQueue<TelemetryEvent> received = new LinkedBlockingQueue<>();

	private final TcpTelemetryReceiver receiver = new TcpTelemetryReceiver(
			new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512, new TelemetryBatchParser(),
			(events) -> this.received.addAll(events));

	@AfterEach
	void stop() {
		this.receiver.stop();
	}

	@Test
	void deliversEachLineAsAnEvent() throws Exception {
		this.receiver.start();
		send(START + "\n" + LOG + "\n");
		assertThat(poll().type()).isEqualTo("platform.start");
		assertThat(poll()).isInstanceOf(FunctionLog.class);
		assertThat(this.receiver.getStats().eventsReceived()).isEqualTo(2);
	}

	@Test
	void badAndOverlongLinesAreCountedAndSkippedWhileTheConnectionGoesOn() throws Exception {
		this.receiver.start();
		try (Socket socket = connect()) {
			OutputStream out = socket.getOutputStream();
			out.write(("not json\n{\"type\":42}\n" + "x".repeat(2000) + "\n\n" + LOG + "\n")
				.getBytes(StandardCharsets.UTF_8));
			out.flush();
			assertThat(poll()).isInstanceOf(FunctionLog.class);
			out.write((START + "\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
			assertThat(poll().type()).isEqualTo("platform.start");
		}
		ReceiverStats stats = this.receiver.getStats();
		assertThat(stats.malformedBodies()).isEqualTo(1);
		assertThat(stats.malformedEvents()).isEqualTo(1);
		assertThat(stats.rejectedBodies()).isEqualTo(2);
		assertThat(stats.eventsReceived()).isEqualTo(2);
		this.logs.await(Level.WARNING, "Refused a telemetry request whose body is not a JSON array (10 bytes)", TIMEOUT);
		this.logs.await(Level.WARNING, "Skipped 1 malformed telemetry event(s) in a batch of 1", TIMEOUT);
		this.logs.await(Level.WARNING, "Refused a telemetry request larger than the 512 bytes allowed", TIMEOUT);
		assertThat(this.logs.messages(Level.WARNING)).containsExactly(
				"Refused a telemetry request whose body is not a JSON array (10 bytes)",
				"Skipped 1 malformed telemetry event(s) in a batch of 1",
				"Refused a telemetry request larger than the 512 bytes allowed");
	}

	@Test
	void lastLineWithoutNewlineIsDeliveredWhenTheConnectionCloses() throws Exception {
		this.receiver.start();
		send(LOG);
		assertThat(poll()).isInstanceOf(FunctionLog.class);
	}

	@Test
	void refusedEventsAreCountedAsLost() throws Exception {
		BlockingQueue<List<TelemetryEvent>> offered = new LinkedBlockingQueue<>();
		TcpTelemetryReceiver refusing = new TcpTelemetryReceiver(
				(events) -> offered.add(events) && !(events.get(0) instanceof FunctionLog));
		refusing.start();
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), refusing.getPort())) {
			socket.getOutputStream().write((LOG + "\n" + START + "\n").getBytes(StandardCharsets.UTF_8));
			assertThat(offered.poll(10, TimeUnit.SECONDS)).hasSize(1);
			// the second line is handled after the refusal of the first was counted
			assertThat(offered.poll(10, TimeUnit.SECONDS)).hasSize(1);
		}
		finally {
			refusing.stop();
		}
		assertThat(refusing.getStats().refusedBatches()).isEqualTo(1);
	}

	@Test
	void bindFailureNamesTheAddress() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort());
			TcpTelemetryReceiver clash = new TcpTelemetryReceiver(address, 512, new TelemetryBatchParser(),
					(events) -> true);
			assertThatExceptionOfType(TelemetryReceiverBindException.class).isThrownBy(clash::start)
				.satisfies((ex) -> assertThat(ex.getAddress()).isEqualTo(address));
		}
	}

	@Test
	void stopClosesTheListeningSocket() {
		this.receiver.start();
		assertThat(this.receiver.isRunning()).isTrue();
		this.receiver.stop();
		assertThat(this.receiver.isRunning()).isFalse();
	}

	private void send(String text) throws IOException {
		try (Socket socket = connect()) {
			socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
		}
	}

	private Socket connect() throws IOException {
		return new Socket(InetAddress.getLoopbackAddress(), this.receiver.getPort());
	}

	private TelemetryEvent poll() throws InterruptedException {
		TelemetryEvent event = this.received.poll(10, TimeUnit.SECONDS);
		assertThat(event).isNotNull();
		return event;
	}

}
