package dev.lambdaextension.telemetry.receiver;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.lambdaextension.concurrent.ExtensionThreads;
import dev.lambdaextension.telemetry.TelemetryBatchParser;
import dev.lambdaextension.telemetry.TelemetryObserver;
import org.jspecify.annotations.Nullable;

/**
 * TCP endpoint that the Lambda Telemetry API delivers events to when subscribed with the
 * {@code TCP} destination: newline-delimited JSON, one event object per line. Each line
 * is parsed and handed to the {@link TelemetryBatchHandler} as a batch of one event, with
 * the same counters as the HTTP {@link TelemetryReceiver}. A line that is not an event
 * is counted as malformed and skipped; a line longer than the limit is counted as
 * rejected and skipped; the connection stays open either way.
 * <p>
 * TCP has no acknowledgement: an event the handler refuses, or one in flight when the
 * extension stops, is lost. Each connection is served on its own daemon thread. The
 * receiver never logs payloads above {@code DEBUG}.
 *
 * @since 0.1.0
 */
public class TcpTelemetryReceiver {

	static final String THREAD_NAME_PREFIX = "lambda-ext-telemetry-tcp-";

	private static final System.Logger logger = System.getLogger(TcpTelemetryReceiver.class.getName());

	private final InetSocketAddress address;

	private final int maxLineBytes;

	private final TelemetryRequestProcessor processor;

	private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

	private final Object lifecycleMonitor = new Object();

	private @Nullable ServerSocket serverSocket;

	/**
	 * Create a receiver.
	 * @param address the address to bind; port {@code 0} picks any free port
	 * @param maxLineBytes the longest line accepted, in bytes
	 * @param parser the parser of events
	 * @param handler the handler of parsed events
	 */
	public TcpTelemetryReceiver(InetSocketAddress address, int maxLineBytes, TelemetryBatchParser parser,
			TelemetryBatchHandler handler) {
		this(address, maxLineBytes, new TelemetryRequestProcessor(TelemetryReceiver.DEFAULT_PATH, maxLineBytes,
				Objects.requireNonNull(parser, "'parser' must not be null"),
				Objects.requireNonNull(handler, "'handler' must not be null")));
	}

	TcpTelemetryReceiver(InetSocketAddress address, int maxLineBytes, TelemetryRequestProcessor processor) {
		if (maxLineBytes <= 0) {
			throw new IllegalArgumentException("'maxLineBytes' must be greater than 0");
		}
		this.address = Objects.requireNonNull(address, "'address' must not be null");
		this.maxLineBytes = maxLineBytes;
		this.processor = processor;
	}

	/**
	 * Create a receiver on the loopback address and any free port, with the default
	 * line limit and parser.
	 * @param handler the handler of parsed events
	 */
	public TcpTelemetryReceiver(TelemetryBatchHandler handler) {
		this(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
				(int) TelemetryReceiver.DEFAULT_MAX_BODY_BYTES, new TelemetryBatchParser(), handler);
	}

	/**
	 * Bind the address and start accepting connections. Does nothing when already
	 * started.
	 * @throws TelemetryReceiverBindException if the address cannot be bound
	 */
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.serverSocket != null) {
				return;
			}
			ServerSocket socket = bind();
			this.serverSocket = socket;
			ExtensionThreads.daemon(THREAD_NAME_PREFIX + "acceptor", () -> accept(socket)).start();
		}
	}

	private ServerSocket bind() {
		ServerSocket socket;
		try {
			socket = new ServerSocket();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not open the telemetry receiver's socket", ex);
		}
		try {
			socket.bind(this.address);
			return socket;
		}
		catch (IOException ex) {
			closeQuietly(socket);
			throw new TelemetryReceiverBindException(this.address, ex);
		}
	}

	private void accept(ServerSocket socket) {
		int count = 0;
		while (!socket.isClosed()) {
			try {
				Socket connection = socket.accept();
				this.connections.add(connection);
				if (socket.isClosed()) {
					closeQuietly(connection);
					return;
				}
				ExtensionThreads.daemon(THREAD_NAME_PREFIX + (++count), () -> serve(connection)).start();
			}
			catch (IOException ex) {
				if (!socket.isClosed()) {
					logger.log(Level.WARNING, "Telemetry TCP receiver failed to accept a connection", ex);
				}
			}
		}
	}

	private void serve(Socket connection) {
		try (connection) {
			NdjsonLineReader reader = new NdjsonLineReader(connection.getInputStream(), this.maxLineBytes);
			for (NdjsonLineReader.Line line = reader.next(); line != null; line = reader.next()) {
				if (line.tooLong()) {
					this.processor.refused(413);
				}
				else if (!line.isBlank()) {
					this.processor.process(line.asArray());
				}
			}
		}
		catch (IOException ex) {
			logger.log(Level.DEBUG, "Telemetry TCP connection ended: {0}", ex.toString());
		}
		finally {
			this.connections.remove(connection);
		}
	}

	/**
	 * Stop at once: close the listening socket and every open connection. Does nothing
	 * when not started.
	 */
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			if (this.serverSocket != null) {
				closeQuietly(this.serverSocket);
				this.serverSocket = null;
				this.connections.forEach(TcpTelemetryReceiver::closeQuietly);
			}
		}
	}

	/**
	 * Return whether the receiver is listening.
	 * @return whether started and not stopped
	 */
	public boolean isRunning() {
		synchronized (this.lifecycleMonitor) {
			return this.serverSocket != null;
		}
	}

	/**
	 * Return the port the receiver listens on.
	 * @return the bound port
	 * @throws IllegalStateException if the receiver is not started
	 */
	public int getPort() {
		synchronized (this.lifecycleMonitor) {
			if (this.serverSocket == null) {
				throw new IllegalStateException("Telemetry receiver is not started");
			}
			return this.serverSocket.getLocalPort();
		}
	}

	/**
	 * Set the observer told about every parsed event and malformed line.
	 * @param observer the observer
	 */
	public void setObserver(TelemetryObserver observer) {
		this.processor.setObserver(Objects.requireNonNull(observer, "'observer' must not be null"));
	}

	/**
	 * Return a snapshot of the counters; each line counts as one batch.
	 * @return the counters
	 */
	public ReceiverStats getStats() {
		return this.processor.stats();
	}

	private static void closeQuietly(Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			logger.log(Level.DEBUG, "Could not close a telemetry TCP socket: {0}", ex.toString());
		}
	}

}
