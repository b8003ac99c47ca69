package dev.lambdaextension.benchmarks.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.lambdaextension.listener.MethodTelemetryListenerEndpoint;
import dev.lambdaextension.listener.TelemetryListenerRegistry;
import dev.lambdaextension.telemetry.TelemetryBatchParser;
import dev.lambdaextension.telemetry.TelemetryBatchParser.ParsedBatch;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.dispatch.DispatchOptions;
import dev.lambdaextension.telemetry.dispatch.TelemetryDispatcher;
import dev.lambdaextension.telemetry.receiver.TelemetryReceiver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.json.JsonMapper;

/**
 * Telemetry throughput, one operation = one batch. {@link #rawParse} is the limit: Jackson
 * parsing the bytes into the telemetry model with no HTTP and no dispatch.
 * {@link #httpToListener} posts the same bytes over loopback HTTP to a running
 * {@link TelemetryReceiver} wired to a {@link TelemetryDispatcher} and a
 * {@link TelemetryListenerRegistry} with one per-event {@code @TelemetryListener}-style
 * endpoint, and returns only when the listener has received every event of the batch.
 * Events per second = operations per second x events per batch (printed by the harness).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TelemetryThroughputBenchmark {

	@Param({ "262144", "1048576" })
	public int batchBytes;

	private byte[] body;

	private int events;

	private TelemetryBatchParser parser;

	private TelemetryReceiver receiver;

	private TelemetryDispatcher dispatcher;

	private Socket socket;

	private OutputStream out;

	private InputStream in;

	private byte[] request;

	private long posted;

	private final byte[] responseBuffer = new byte[4096];

	private final CountingListener listener = new CountingListener();

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		TelemetryBatches.Batch batch = TelemetryBatches.build(this.batchBytes, 42);
		this.body = batch.body();
		this.events = batch.events();
		// As LambdaTelemetryAutoConfiguration builds them.
		this.parser = new TelemetryBatchParser(JsonMapper.shared());
		TelemetryListenerRegistry registry = new TelemetryListenerRegistry();
		Method method = CountingListener.class.getDeclaredMethod("onEvent", TelemetryEvent.class);
		registry.register(new MethodTelemetryListenerEndpoint("counting", "countingListener", this.listener, method,
				List.of(), null));
		this.dispatcher = new TelemetryDispatcher(registry, DispatchOptions.defaults());
		this.receiver = new TelemetryReceiver(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
				2L * 1024 * 1024 + 64 * 1024, this.parser, this.dispatcher);
		this.receiver.start();
		byte[] head = ("POST / HTTP/1.1\r\nHost: 127.0.0.1:" + this.receiver.getPort()
				+ "\r\nContent-Type: application/json\r\nContent-Length: " + this.body.length + "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		this.request = new byte[head.length + this.body.length];
		System.arraycopy(head, 0, this.request, 0, head.length);
		System.arraycopy(this.body, 0, this.request, head.length, this.body.length);
		this.socket = new Socket(InetAddress.getLoopbackAddress(), this.receiver.getPort());
		this.socket.setTcpNoDelay(true);
		this.out = this.socket.getOutputStream();
		this.in = this.socket.getInputStream();
		// Sanity check: both paths see the same events.
		int parsed = this.parser.parse(this.body).events().size();
		if (parsed != this.events) {
			throw new IllegalStateException("Parsed " + parsed + " events, built " + this.events);
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() throws IOException {
		this.socket.close();
		this.receiver.stop();
		this.dispatcher.close();
		System.out.println();
		System.out.println("# batch: " + this.body.length + " bytes, " + this.events + " events; receiver "
				+ this.receiver.getStats() + "; dispatcher " + this.dispatcher.getStats());
	}

	/**
	 * The limit: parse only.
	 * @param blackhole consumes the events
	 */
	@Benchmark
	public void rawParse(Blackhole blackhole) {
		ParsedBatch batch = this.parser.parse(this.body);
		List<TelemetryEvent> parsed = batch.events();
		for (int i = 0; i < parsed.size(); i++) {
			blackhole.consume(parsed.get(i));
		}
	}

	/**
	 * End to end: POST, parse, enqueue, answer, dispatch to the listener method.
	 * @throws IOException on a transport failure
	 */
	@Benchmark
	public void httpToListener() throws IOException {
		awaitDelivered(this.posted);
		this.out.write(this.request);
		this.out.flush();
		int status = readStatus();
		if (status != 200) {
			throw new IllegalStateException("Receiver answered " + status);
		}
		this.posted += this.events;
		awaitDelivered(this.posted);
	}

	/**
	 * End to end as Lambda drives it: one POST in flight at a time, each answered as soon
	 * as it is parsed and queued, while the listener works through the previous batch. At
	 * most one batch waits for the listener, so the rate is sustained, not borrowed.
	 * @throws IOException on a transport failure
	 */
	@Benchmark
	public void httpToListenerPipelined() throws IOException {
		awaitDelivered(this.posted - this.events);
		this.out.write(this.request);
		this.out.flush();
		int status = readStatus();
		if (status != 200) {
			throw new IllegalStateException("Receiver answered " + status);
		}
		this.posted += this.events;
	}

	private void awaitDelivered(long target) {
		this.listener.waiter = Thread.currentThread();
		this.listener.target = target;
		while (this.listener.count.get() < target) {
			LockSupport.parkNanos(1_000_000);
		}
	}

	private int readStatus() throws IOException {
		// "HTTP/1.1 200 OK\r\n...\r\n\r\n", no body (the receiver answers without content).
		int length = 0;
		while (true) {
			int read = this.in.read(this.responseBuffer, length, this.responseBuffer.length - length);
			if (read < 0) {
				throw new IOException("Connection closed");
			}
			length += read;
			if (length >= 4 && this.responseBuffer[length - 4] == '\r' && this.responseBuffer[length - 3] == '\n'
					&& this.responseBuffer[length - 2] == '\r' && this.responseBuffer[length - 1] == '\n') {
				break;
			}
		}
		return Integer.parseInt(new String(this.responseBuffer, 9, 3, StandardCharsets.US_ASCII));
	}

	/**
	 * The listener bean: receives each event, does no work beyond counting it.
	 */
	public static final class CountingListener {

		final AtomicLong count = new AtomicLong();

		volatile long target;

		volatile Thread waiter;

		public void onEvent(TelemetryEvent event) {
			if (this.count.incrementAndGet() >= this.target) {
				Thread thread = this.waiter;
				if (thread != null) {
					LockSupport.unpark(thread);
				}
			}
		}

	}

}
