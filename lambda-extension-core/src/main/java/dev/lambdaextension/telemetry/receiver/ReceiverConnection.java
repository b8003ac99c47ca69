package dev.lambdaextension.telemetry.receiver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Serves the requests of one connection, one after the other, on its own thread, until
 * the client closes it, a request asks for {@code Connection: close}, a request cannot be
 * read, a timeout expires, or the receiver stops. The first request must start within the
 * read timeout, later ones within the idle timeout.
 */
final class ReceiverConnection implements Runnable {

	private static final System.Logger logger = System.getLogger(TelemetryReceiver.class.getName());

	private static final int LINGER_MILLIS = 1000;

	private final Socket socket;

	private final ConnectionSettings settings;

	private final TelemetryRequestProcessor processor;

	private final ConnectionAcceptor acceptor;

	ReceiverConnection(Socket socket, ConnectionSettings settings, TelemetryRequestProcessor processor,
			ConnectionAcceptor acceptor) {
		this.socket = socket;
		this.settings = settings;
		this.processor = processor;
		this.acceptor = acceptor;
	}

	@Override
	public void run() {
		try (Socket connection = this.socket) {
			connection.setTcpNoDelay(true);
			HttpRequestReader reader = new HttpRequestReader(connection, this.settings);
			OutputStream out = connection.getOutputStream();
			boolean open = awaitRequest(reader, this.settings.readTimeoutMillis());
			while (open && serve(reader, out)) {
				open = awaitRequest(reader, this.settings.idleTimeoutMillis());
			}
		}
		catch (IOException ex) {
			logger.log(Level.DEBUG, "Telemetry connection ended: {0}", ex.toString());
		}
		finally {
			this.acceptor.closed(this.socket);
		}
	}

	private boolean awaitRequest(HttpRequestReader reader, int timeoutMillis) throws IOException {
		try {
			return reader.awaitRequest(timeoutMillis);
		}
		catch (SocketTimeoutException ex) {
			logger.log(Level.DEBUG, "Closing an idle telemetry connection");
			return false;
		}
	}

	private boolean serve(HttpRequestReader reader, OutputStream out) throws IOException {
		try {
			HttpRequestHead head = reader.readHead();
			boolean keepAlive = head.keepAlive();
			int refusal = this.processor.check(head);
			if (refusal != TelemetryRequestProcessor.ACCEPTED) {
				boolean close = !keepAlive || head.hasBody();
				HttpResponses.write(out, refusal, close, keepAlive && !head.http11());
				if (close) {
					lingerAndClose();
				}
				return !close;
			}
			if (head.expectContinue() && head.hasBody()) {
				HttpResponses.writeContinue(out);
			}
			byte[] body = reader.readBody(head, this.settings.maxBodyBytes());
			int status = this.processor.process(body);
			HttpResponses.write(out, status, !keepAlive, keepAlive && !head.http11());
			return keepAlive;
		}
		catch (HttpProtocolException ex) {
			this.processor.refused(ex.status());
			HttpResponses.write(out, ex.status(), true, false);
			lingerAndClose();
			return false;
		}
		catch (SocketTimeoutException ex) {
			logger.log(Level.WARNING, "Closing a telemetry connection whose request did not arrive in time");
			HttpResponses.write(out, 408, true, false);
			lingerAndClose();
			return false;
		}
	}

	/**
	 * Half-close and discard what the client still sends for a short while, so that it
	 * reads the response before the connection is reset.
	 */
	private void lingerAndClose() {
		try {
			this.socket.shutdownOutput();
			this.socket.setSoTimeout(Math.min(LINGER_MILLIS, this.settings.readTimeoutMillis()));
			InputStream in = this.socket.getInputStream();
			byte[] discard = new byte[8192];
			long deadline = System.nanoTime() + LINGER_MILLIS * 1_000_000L;
			while (in.read(discard) != -1 && System.nanoTime() < deadline) {
				continue;
			}
		}
		catch (IOException ex) {
			logger.log(Level.DEBUG, "Telemetry connection ended while closing: {0}", ex.toString());
		}
	}

}
