package dev.lambdaextension.telemetry.receiver;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

import dev.lambdaextension.telemetry.TelemetryBatchParser;
import dev.lambdaextension.telemetry.TelemetryObserver;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 endpoint that the Lambda Telemetry API delivers event batches to. Each
 * {@code POST} (or {@code PUT}) to the subscribed path carries a JSON array of events;
 * the receiver parses it, hands the events to a {@link TelemetryBatchHandler} and answers
 * at once: {@code 200} when the handler accepted the batch, {@code 503} when it could
 * not (Lambda then sends the batch again), {@code 400} when the body is not a JSON array,
 * {@code 413} when it is larger than allowed, {@code 404} for another path and
 * {@code 405} for other methods. Elements that cannot be read as an event are counted and
 * skipped; the rest of the batch is delivered.
 * <p>
 * Each connection is served on its own daemon thread, up to
 * {@linkplain Builder#maxConnections(int) a maximum}; a connection beyond it is answered
 * {@code 503} and closed. A client that stops sending is disconnected after the
 * {@linkplain Builder#readTimeout(Duration) read timeout}, one that trickles a request
 * after the {@linkplain Builder#requestTimeout(Duration) request timeout}, and an idle
 * kept-alive connection after the {@linkplain Builder#idleTimeout(Duration) idle
 * timeout}, so slow or idle clients cannot stall deliveries on other connections.
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
	 * Default path batches are accepted on.
	 */
	public static final String DEFAULT_PATH = "/";

	/**
	 * Default longest wait for any single read from a client.
	 */
	public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * Default longest time to receive one request's headers and body.
	 */
	public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * Default longest wait for the next request on a kept-alive connection.
	 */
	public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * Default maximum number of open connections.
	 */
	public static final int DEFAULT_MAX_CONNECTIONS = 64;

	static final String THREAD_NAME_PREFIX = ConnectionAcceptor.THREAD_NAME_PREFIX;

	private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

	private final InetSocketAddress address;

	private final long maxBodyBytes;

	private final int maxConnections;

	private final ConnectionSettings settings;

	private final TelemetryRequestProcessor processor;

	private final Object lifecycleMonitor = new Object();

	private final TelemetryProtocol protocol;

	private @Nullable ConnectionAcceptor acceptor;

	private @Nullable TcpTelemetryReceiver tcp;

	/**
	 * Create a receiver on {@link #DEFAULT_PATH} with the default timeouts and
	 * connection limit.
	 * @param address the address to bind; port {@code 0} picks any free port
	 * @param maxBodyBytes the largest request body accepted, in bytes
	 * @param parser the parser of request bodies
	 * @param handler the handler of parsed batches
	 */
	public TelemetryReceiver(InetSocketAddress address, long maxBodyBytes, TelemetryBatchParser parser,
			TelemetryBatchHandler handler) {
		this(builder(handler).address(address).maxBodyBytes(maxBodyBytes).parser(parser));
	}

	private TelemetryReceiver(Builder builder) {
		if (builder.maxBodyBytes <= 0) {
			throw new IllegalArgumentException("'maxBodyBytes' must be greater than 0");
		}
		this.address = builder.address;
		this.maxBodyBytes = builder.maxBodyBytes;
		this.maxConnections = builder.maxConnections;
		this.settings = new ConnectionSettings(builder.path, (int) Math.min(builder.maxBodyBytes, MAX_ARRAY_LENGTH),
				millis(builder.readTimeout), builder.requestTimeout.toNanos(), millis(builder.idleTimeout));
		TelemetryBatchParser parser = (builder.parser != null) ? builder.parser : new TelemetryBatchParser();
		this.processor = new TelemetryRequestProcessor(builder.path, builder.maxBodyBytes, parser, builder.handler);
		this.protocol = builder.protocol;
	}

	private static int millis(Duration duration) {
		return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
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
	 * @throws TelemetryReceiverBindException if the address cannot be bound
	 */
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.protocol == TelemetryProtocol.TCP) {
				if (this.tcp == null) {
					TcpTelemetryReceiver receiver = new TcpTelemetryReceiver(this.address, this.settings.maxBodyBytes(),
							this.processor);
					receiver.start();
					this.tcp = receiver;
				}
			}
			else if (this.acceptor == null) {
				this.acceptor = ConnectionAcceptor.start(this.address, this.settings, this.processor,
						this.maxConnections);
			}
		}
	}

	/**
	 * Stop serving at once: close the listening socket and every open connection;
	 * requests in progress are abandoned. Does nothing when not started.
	 */
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			if (this.acceptor != null) {
				this.acceptor.close();
				this.acceptor = null;
			}
			if (this.tcp != null) {
				this.tcp.stop();
				this.tcp = null;
			}
		}
	}

	/**
	 * Return whether the receiver is listening.
	 * @return whether started and not stopped
	 */
	public boolean isRunning() {
		synchronized (this.lifecycleMonitor) {
			return this.acceptor != null || this.tcp != null;
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
			if (this.tcp != null) {
				return this.tcp.getPort();
			}
			if (this.acceptor == null) {
				throw new IllegalStateException("Telemetry receiver is not started");
			}
			return this.acceptor.port();
		}
	}

	/**
	 * Return the path batches are accepted on; requests for any other path are answered
	 * {@code 404}.
	 * @return the path, for example {@code "/"}
	 */
	public String getPath() {
		return this.settings.path();
	}

	/**
	 * Return the protocol Lambda delivers with.
	 * @return the protocol
	 */
	public TelemetryProtocol getProtocol() {
		return this.protocol;
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
		this.processor.setObserver(Objects.requireNonNull(observer, "'observer' must not be null"));
	}

	/**
	 * Return a snapshot of the counters.
	 * @return the counters
	 */
	public ReceiverStats getStats() {
		return this.processor.stats();
	}

	int openConnections() {
		synchronized (this.lifecycleMonitor) {
			return (this.acceptor != null) ? this.acceptor.openConnections() : 0;
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

		private String path = DEFAULT_PATH;

		private Duration readTimeout = DEFAULT_READ_TIMEOUT;

		private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

		private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;

		private int maxConnections = DEFAULT_MAX_CONNECTIONS;

		private @Nullable TelemetryBatchParser parser;

		private TelemetryProtocol protocol = TelemetryProtocol.HTTP;

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
		 * Set the largest request body accepted, declared or actual.
		 * @param maxBodyBytes the limit in bytes
		 * @return this builder
		 */
		public Builder maxBodyBytes(long maxBodyBytes) {
			this.maxBodyBytes = maxBodyBytes;
			return this;
		}

		/**
		 * Set the path batches are accepted on, the path of the subscription's
		 * destination; matched exactly, ignoring any query string.
		 * @param path the path, starting with {@code /}
		 * @return this builder
		 */
		public Builder path(String path) {
			Objects.requireNonNull(path, "'path' must not be null");
			if (!path.startsWith("/") || path.indexOf('?') >= 0 || path.indexOf('#') >= 0) {
				throw new IllegalArgumentException("'path' must start with '/' and have no query or fragment");
			}
			this.path = path;
			return this;
		}

		/**
		 * Set the longest wait for any single read from a client; a client silent for
		 * longer in the middle of a request is disconnected.
		 * @param readTimeout the timeout, positive
		 * @return this builder
		 */
		public Builder readTimeout(Duration readTimeout) {
			Objects.requireNonNull(readTimeout, "'readTimeout' must not be null");
			this.readTimeout = positive(readTimeout, "readTimeout");
			return this;
		}

		/**
		 * Set the longest time to receive one request's headers and body, counted from its
		 * first byte; a client slower than that is disconnected.
		 * @param requestTimeout the timeout, positive
		 * @return this builder
		 */
		public Builder requestTimeout(Duration requestTimeout) {
			Objects.requireNonNull(requestTimeout, "'requestTimeout' must not be null");
			this.requestTimeout = positive(requestTimeout, "requestTimeout");
			return this;
		}

		/**
		 * Set the longest wait for the next request on a kept-alive connection before it
		 * is closed.
		 * @param idleTimeout the timeout, positive
		 * @return this builder
		 */
		public Builder idleTimeout(Duration idleTimeout) {
			Objects.requireNonNull(idleTimeout, "'idleTimeout' must not be null");
			this.idleTimeout = positive(idleTimeout, "idleTimeout");
			return this;
		}

		/**
		 * Set the largest number of connections served at once, each on its own thread; a
		 * connection beyond it is answered {@code 503} and closed.
		 * @param maxConnections the limit, positive
		 * @return this builder
		 */
		public Builder maxConnections(int maxConnections) {
			if (maxConnections <= 0) {
				throw new IllegalArgumentException("'maxConnections' must be greater than 0");
			}
			this.maxConnections = maxConnections;
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
		 * Set the protocol, HTTP when not set. Over TCP each line is one event, limited
		 * to the maximum body size; path and connection limits do not apply.
		 * @param protocol the protocol
		 * @return this builder
		 */
		public Builder protocol(TelemetryProtocol protocol) {
			this.protocol = Objects.requireNonNull(protocol, "'protocol' must not be null");
			return this;
		}

		/**
		 * Build the receiver; it still needs {@link TelemetryReceiver#start()}.
		 * @return the receiver
		 */
		public TelemetryReceiver build() {
			return new TelemetryReceiver(this);
		}

		private static Duration positive(Duration duration, String name) {
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException("'" + name + "' must be positive");
			}
			return duration;
		}

	}

}
