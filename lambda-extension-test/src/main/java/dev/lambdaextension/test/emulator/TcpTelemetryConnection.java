package dev.lambdaextension.test.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Delivers telemetry to a subscriber of the {@code TCP} destination as Lambda does:
 * newline-delimited JSON over one kept-open connection, with no acknowledgement. A write
 * that fails closes the connection; the next write opens a new one.
 */
final class TcpTelemetryConnection {

	private static final int CONNECT_TIMEOUT_MILLIS = 5000;

	private final InetSocketAddress address;

	private @Nullable Socket socket;

	TcpTelemetryConnection(URI deliveryUri) {
		this.address = new InetSocketAddress(deliveryUri.getHost(), deliveryUri.getPort());
	}

	/**
	 * Write each event followed by {@code \n}.
	 * @param events the JSON events
	 * @return {@code null} when written, else the failure
	 */
	synchronized @Nullable IOException write(List<String> events) {
		StringBuilder lines = new StringBuilder();
		events.forEach((event) -> lines.append(event).append('\n'));
		try {
			OutputStream out = connection().getOutputStream();
			out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
			out.flush();
			return null;
		}
		catch (IOException ex) {
			close();
			return ex;
		}
	}

	private Socket connection() throws IOException {
		Socket current = this.socket;
		if (current == null || current.isClosed()) {
			current = new Socket();
			current.connect(this.address, CONNECT_TIMEOUT_MILLIS);
			this.socket = current;
		}
		return current;
	}

	synchronized void close() {
		Socket current = this.socket;
		this.socket = null;
		if (current != null) {
			try {
				current.close();
			}
			catch (IOException ex) {
				// closing a socket that already failed; nothing left to release
			}
		}
	}

}
