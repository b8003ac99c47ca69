package dev.lambdaextension.telemetry.receiver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lambdaextension.telemetry.MalformedTelemetryException;
import dev.lambdaextension.telemetry.TelemetryBatchParser;
import dev.lambdaextension.telemetry.TelemetryBatchParser.ParsedBatch;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryObserver;
import org.jspecify.annotations.Nullable;

/**
 * HTTP endpoint that the Lambda Telemetry API delivers event batches to, on the JDK
 * {@link HttpServer}. Each {@code POST} (or {@code PUT}) carries a JSON array of events;
 * the receiver parses it, hands the events to a {@link TelemetryBatchHandler} and answers
 * at once: {@code 200} when the handler accepted the batch, {@code 503} when it could
 * not (Lambda then sends the batch again), {@code 400} when the body is not a JSON array,
 * {@code 413} when it is larger than allowed and {@code 405} for other methods. Elements
 * that cannot be read as an event are counted and skipped; the rest of the batch is
 * delivered.
 * <p>
 * The receiver never waits for listeners: slow consumers belong behind the handler, for
 * example a {@code TelemetryDispatcher}. It never logs payloads above {@code DEBUG}.
 * It must be listening before the extension subscribes to the Telemetry API.
 *
 * @since 0.1.0
 */
public class TelemetryReceiver {

	/**
	 * Default maximum size of a request body: twice the largest Telemetry API
	 * {@code maxBytes} (1 MiB) plus room for the per-event envelope.
	 */
	public static final long DEFAULT_MAX_BODY_BYTES = 4L * 1024 * 1024;

	/**
	 * Default number of threads serving requests.
	 */
	public static final int DEFAULT_THREADS = 2;

	static final String THREAD_NAME_PREFIX = "lambda-ext-telemetry-receiver-";

	private static final System.Logger logger = System.getLogger(TelemetryReceiver.class.getName());

	private static final int READ_CHUNK = 8192;

	private final InetSocketAddress address;

	private final long maxBodyBytes;

	private final int threads;

	private final TelemetryBatchParser parser;

	private final TelemetryBatchHandler handler;

	private final Object lifecycleMonitor = new Object();

	private final AtomicLong batchesReceived = new AtomicLong();

	private final AtomicLong eventsReceived = new AtomicLong();

	private final AtomicLong malformedEvents = new AtomicLong();

	private final AtomicLong rejectedBodies = new AtomicLong();

	private final AtomicLong refusedBatches = new AtomicLong();

	private @Nullable HttpServer server;

	private @Nullable ExecutorService executor;

	private volatile TelemetryObserver observer = TelemetryObserver.NONE;

	/**
	 * Create a receiver with {@link #DEFAULT_THREADS} threads.
	 * @param address the address to bind; port {@code 0} picks any free port
	 * @param maxBodyBytes the largest request body accepted, in bytes
	 * @param parser the parser of request bodies
	 * @param handler the handler of parsed batches
	 */
	public TelemetryReceiver(InetSocketAddress address, long maxBodyBytes, TelemetryBatchParser parser,
			TelemetryBatchHandler handler) {
		this(address, maxBodyBytes, DEFAULT_THREADS, parser, handler);
	}

	private TelemetryReceiver(InetSocketAddress address, long maxBodyBytes, int threads, TelemetryBatchParser parser,
			TelemetryBatchHandler handler) {
		Objects.requireNonNull(address, "'address' must not be null");
		Objects.requireNonNull(parser, "'parser' must not be null");
		Objects.requireNonNull(handler, "'handler' must not be null");
		if (maxBodyBytes <= 0) {
			throw new IllegalArgumentException("'maxBodyBytes' must be greater than 0");
		}
		if (threads <= 0) {
			throw new IllegalArgumentException("'threads' must be greater than 0");
		}
		this.address = address;
		this.maxBodyBytes = maxBodyBytes;
		this.threads = threads;
		this.parser = parser;
		this.handler = handler;
	}

	/**
	 * Return a builder for a receiver that hands batches to the given handler.
	 * @param handler the handler of parsed batches
	 * @return a new builder
	 */
	public static Builder builder(TelemetryBatchHandler handler) {
		return new Builder(handler);
	}

	/**
	 * Bind the address and start serving requests. Does nothing when already started.
	 * @throws UncheckedIOException if the address cannot be bound
	 */
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.server != null) {
				return;
			}
			HttpServer httpServer;
			try {
				httpServer = HttpServer.create(this.address, 0);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not bind the telemetry receiver to " + this.address, ex);
			}
			ExecutorService pool = Executors.newFixedThreadPool(this.threads, new ReceiverThreadFactory());
			httpServer.setExecutor(pool);
			httpServer.createContext("/", this::handle);
			httpServer.start();
			this.server = httpServer;
			this.executor = pool;
			logger.log(Level.DEBUG, "Telemetry receiver listening on {0}", httpServer.getAddress());
		}
	}

	/**
	 * Stop serving at once; requests in progress are abandoned. Does nothing when not
	 * started.
	 */
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			HttpServer httpServer = this.server;
			ExecutorService pool = this.executor;
			this.server = null;
			this.executor = null;
			if (httpServer != null) {
				httpServer.stop(0);
			}
			if (pool != null) {
				pool.shutdownNow();
			}
		}
	}

	/**
	 * Return whether the receiver is listening.
	 * @return whether started and not stopped
	 */
	public boolean isRunning() {
		synchronized (this.lifecycleMonitor) {
			return this.server != null;
		}
	}

	/**
	 * Return the port the receiver listens on, useful when it was created with port
	 * {@code 0}.
	 * @return the bound port
	 * @throws IllegalStateException if the receiver is not started
	 */
	public int getPort() {
		synchronized (this.lifecycleMonitor) {
			if (this.server == null) {
				throw new IllegalStateException("Telemetry receiver is not started");
			}
			return this.server.getAddress().getPort();
		}
	}

	/**
	 * Return the largest request body accepted.
	 * @return the limit in bytes
	 */
	public long getMaxBodyBytes() {
		return this.maxBodyBytes;
	}

	/**
	 * Set the observer told about every parsed delivery and malformed input.
	 * @param observer the observer
	 */
	public void setObserver(TelemetryObserver observer) {
		this.observer = Objects.requireNonNull(observer, "'observer' must not be null");
	}

	/**
	 * Return a snapshot of the counters.
	 * @return the counters
	 */
	public ReceiverStats getStats() {
		return new ReceiverStats(this.batchesReceived.get(), this.eventsReceived.get(), this.malformedEvents.get(),
				this.rejectedBodies.get(), this.refusedBatches.get());
	}

	private void handle(HttpExchange exchange) throws IOException {
		try {
			respond(exchange, process(exchange));
		}
		catch (RuntimeException ex) {
			logger.log(Level.ERROR, "Telemetry receiver failed to handle a batch", ex);
			respond(exchange, 500);
		}
		finally {
			exchange.close();
		}
	}

	private int process(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod();
		if (!"POST".equals(method) && !"PUT".equals(method)) {
			this.rejectedBodies.incrementAndGet();
			exchange.getResponseHeaders().set("Allow", "POST, PUT");
			return 405;
		}
		long declaredLength = contentLength(exchange);
		if (declaredLength > this.maxBodyBytes) {
			return tooLarge(exchange, declaredLength);
		}
		byte[] body = readBody(exchange.getRequestBody(), declaredLength);
		if (body == null) {
			return tooLarge(exchange, -1);
		}
		ParsedBatch batch;
		try {
			batch = this.parser.parse(body);
		}
		catch (MalformedTelemetryException ex) {
			this.rejectedBodies.incrementAndGet();
			this.observer.batchMalformed();
			logger.log(Level.WARNING, "Refused a telemetry request whose body is not a JSON array ({0} bytes)",
					body.length);
			return 400;
		}
		List<TelemetryEvent> events = batch.events();
		if (batch.malformed() > 0) {
			this.malformedEvents.addAndGet(batch.malformed());
			this.observer.eventsMalformed(batch.malformed());
			logger.log(Level.WARNING, "Skipped {0} malformed telemetry event(s) in a batch of {1}", batch.malformed(),
					batch.malformed() + events.size());
		}
		this.batchesReceived.incrementAndGet();
		this.eventsReceived.addAndGet(events.size());
		this.observer.batchReceived(events);
		if (events.isEmpty()) {
			return 200;
		}
		if (!this.handler.offer(events)) {
			this.refusedBatches.incrementAndGet();
			logger.log(Level.DEBUG, "Telemetry batch of {0} event(s) not accepted; Lambda will resend it",
					events.size());
			return 503;
		}
		return 200;
	}

	private int tooLarge(HttpExchange exchange, long declaredLength) {
		this.rejectedBodies.incrementAndGet();
		exchange.getResponseHeaders().set("Connection", "close");
		if (declaredLength >= 0) {
			logger.log(Level.WARNING, "Refused a telemetry request of {0} bytes, more than the {1} bytes allowed",
					declaredLength, this.maxBodyBytes);
		}
		else {
			logger.log(Level.WARNING, "Refused a telemetry request larger than the {0} bytes allowed",
					this.maxBodyBytes);
		}
		return 413;
	}

	private byte @Nullable [] readBody(InputStream in, long declaredLength) throws IOException {
		if (declaredLength >= 0) {
			byte[] body = in.readNBytes((int) declaredLength);
			return (in.read() == -1) ? body : null;
		}
		int initial = (int) Math.max(0, Math.min(declaredLength, READ_CHUNK * 8L));
		ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(initial, 32));
		byte[] chunk = new byte[READ_CHUNK];
		long total = 0;
		int read;
		while ((read = in.read(chunk)) != -1) {
			total += read;
			if (total > this.maxBodyBytes) {
				return null;
			}
			out.write(chunk, 0, read);
		}
		return out.toByteArray();
	}

	private static long contentLength(HttpExchange exchange) {
		String value = exchange.getRequestHeaders().getFirst("Content-Length");
		if (value == null) {
			return -1;
		}
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static void respond(HttpExchange exchange, int status) {
		try {
			exchange.sendResponseHeaders(status, -1);
		}
		catch (IOException ex) {
			logger.log(Level.DEBUG, "Could not answer a telemetry request", ex);
		}
	}

	private static final class ReceiverThreadFactory implements ThreadFactory {

		private final AtomicInteger counter = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, THREAD_NAME_PREFIX + this.counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

	/**
	 * Builder for a {@link TelemetryReceiver}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final TelemetryBatchHandler handler;

		private InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

		private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

		private int threads = DEFAULT_THREADS;

		private @Nullable TelemetryBatchParser parser;

		private Builder(TelemetryBatchHandler handler) {
			this.handler = Objects.requireNonNull(handler, "'handler' must not be null");
		}

		/**
		 * Set the address to bind; defaults to the loopback address on any free port.
		 * @param address the address; port {@code 0} picks any free port
		 * @return this builder
		 */
		public Builder address(InetSocketAddress address) {
			this.address = Objects.requireNonNull(address, "'address' must not be null");
			return this;
		}

		/**
		 * Set the largest request body accepted.
		 * @param maxBodyBytes the limit in bytes
		 * @return this builder
		 */
		public Builder maxBodyBytes(long maxBodyBytes) {
			this.maxBodyBytes = maxBodyBytes;
			return this;
		}

		/**
		 * Set the number of threads serving requests.
		 * @param threads the number of threads
		 * @return this builder
		 */
		public Builder threads(int threads) {
			this.threads = threads;
			return this;
		}

		/**
		 * Set the parser of request bodies; a default parser when not set.
		 * @param parser the parser
		 * @return this builder
		 */
		public Builder parser(TelemetryBatchParser parser) {
			this.parser = Objects.requireNonNull(parser, "'parser' must not be null");
			return this;
		}

		/**
		 * Build the receiver; it still needs {@link TelemetryReceiver#start()}.
		 * @return the receiver
		 */
		public TelemetryReceiver build() {
			TelemetryBatchParser batchParser = (this.parser != null) ? this.parser : new TelemetryBatchParser();
			return new TelemetryReceiver(this.address, this.maxBodyBytes, this.threads, batchParser, this.handler);
		}

	}

}
