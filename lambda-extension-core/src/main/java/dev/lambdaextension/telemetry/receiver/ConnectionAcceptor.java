package dev.lambdaextension.telemetry.receiver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.lambdaextension.concurrent.ExtensionThreads;

/**
 * Accepts the connections of a {@link TelemetryReceiver} on its own thread and serves
 * each on a thread of its own, up to a maximum number of open connections; a connection
 * beyond it is answered {@code 503} and closed at once. {@link #close()} closes the
 * listening socket and every open connection.
 */
final class ConnectionAcceptor implements Runnable {

	static final String THREAD_NAME_PREFIX = "lambda-ext-telemetry-receiver-";

	static final String ACCEPTOR_THREAD_NAME = THREAD_NAME_PREFIX + "acceptor";

	private static final System.Logger logger = System.getLogger(TelemetryReceiver.class.getName());

	private static final byte[] OVERLOADED = ("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
			+ "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);

	private static final int BACKLOG = 50;

	private static final long CLOSE_WAIT_MILLIS = 2000;

	private static final long ACCEPT_FAILURE_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	private final ServerSocket serverSocket;

	private final ConnectionSettings settings;

	private final TelemetryRequestProcessor processor;

	private final int maxConnections;

	private final Thread thread;

	private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

	private int threadCount;

	private volatile boolean closed;

	/**
	 * Bind the address and start accepting on a new daemon thread.
	 * @param address the address to bind
	 * @param settings the limits of every connection
	 * @param processor the processor of requests
	 * @param maxConnections the largest number of open connections
	 * @return the running acceptor
	 * @throws UncheckedIOException if no socket can be opened
	 * @throws TelemetryReceiverBindException if the address cannot be bound
	 */
	static ConnectionAcceptor start(InetSocketAddress address, ConnectionSettings settings,
			TelemetryRequestProcessor processor, int maxConnections) {
		ServerSocket serverSocket;
		try {
			serverSocket = new ServerSocket();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not open the telemetry receiver's socket", ex);
		}
		try {
			serverSocket.bind(address, BACKLOG);
		}
		catch (IOException ex) {
			closeQuietly(serverSocket);
			throw new TelemetryReceiverBindException(address, ex);
		}
		ConnectionAcceptor acceptor = new ConnectionAcceptor(serverSocket, settings, processor, maxConnections);
		acceptor.thread.start();
		logger.log(Level.DEBUG, "Telemetry receiver listening on {0}", serverSocket.getLocalSocketAddress());
		return acceptor;
	}

	private ConnectionAcceptor(ServerSocket serverSocket, ConnectionSettings settings,
			TelemetryRequestProcessor processor, int maxConnections) {
		this.serverSocket = serverSocket;
		this.settings = settings;
		this.processor = processor;
		this.maxConnections = maxConnections;
		this.thread = ExtensionThreads.daemon(ACCEPTOR_THREAD_NAME, this);
	}

	@Override
	public void run() {
		while (!this.closed) {
			Socket socket;
			try {
				socket = this.serverSocket.accept();
			}
			catch (IOException ex) {
				if (!this.closed) {
					logger.log(Level.WARNING, "Telemetry receiver could not accept a connection", ex);
					LockSupport.parkNanos(ACCEPT_FAILURE_PAUSE_NANOS);
				}
				continue;
			}
			if (this.connections.size() >= this.maxConnections) {
				refuse(socket);
			}
			else {
				serve(socket);
			}
		}
	}

	private void serve(Socket socket) {
		this.connections.add(socket);
		if (this.closed) {
			closeQuietly(socket);
			this.connections.remove(socket);
			return;
		}
		Thread thread = ExtensionThreads.daemon(THREAD_NAME_PREFIX.concat(Integer.toString(++this.threadCount)),
				new ReceiverConnection(socket, this.settings, this.processor, this));
		try {
			thread.start();
		}
		catch (OutOfMemoryError ex) {
			logger.log(Level.ERROR, "Telemetry receiver could not start a thread for a connection", ex);
			closeQuietly(socket);
			this.connections.remove(socket);
		}
	}

	private void refuse(Socket socket) {
		logger.log(Level.WARNING, "Refused a telemetry connection: {0} connections are already open",
				this.maxConnections);
		try (socket) {
			OutputStream out = socket.getOutputStream();
			out.write(OVERLOADED);
			out.flush();
			socket.shutdownOutput();
			InputStream in = socket.getInputStream();
			int available = in.available();
			if (available > 0) {
				in.skip(available);
			}
		}
		catch (IOException ex) {
			logger.log(Level.DEBUG, "Could not refuse a telemetry connection cleanly: {0}", ex.toString());
		}
	}

	/**
	 * Return the bound port.
	 * @return the local port of the listening socket
	 */
	int port() {
		return this.serverSocket.getLocalPort();
	}

	/**
	 * Forget a connection whose thread ended.
	 * @param socket the connection's socket, already closed
	 */
	void closed(Socket socket) {
		this.connections.remove(socket);
	}

	/**
	 * Return the number of open connections.
	 * @return the number of connections being served
	 */
	int openConnections() {
		return this.connections.size();
	}

	/**
	 * Stop accepting, close the listening socket and every open connection, and wait
	 * for the accepting thread to end: the port is only released once it left
	 * {@link ServerSocket#accept()}.
	 */
	void close() {
		this.closed = true;
		closeQuietly(this.serverSocket);
		for (Socket socket : this.connections) {
			closeQuietly(socket);
		}
		if (Thread.currentThread() != this.thread) {
			try {
				this.thread.join(CLOSE_WAIT_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			logger.log(Level.DEBUG, "Could not close a telemetry receiver socket: {0}", ex.toString());
		}
	}

}
