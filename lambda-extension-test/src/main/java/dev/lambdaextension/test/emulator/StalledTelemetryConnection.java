package dev.lambdaextension.test.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A telemetry sender that stalls: it connects to a subscriber's destination, sends the request headers of a
 * {@code POST} announcing a JSON body and only part of that body, then holds the connection until closed.
 */
final class StalledTelemetryConnection implements AutoCloseable {

	private static final String PARTIAL_BODY = "[{\"time\":\"2025-11-23T10:15:01.000Z\",\"type\":\"platform.start\",";

	private final Socket socket;

	StalledTelemetryConnection(URI deliveryUri) {
		this.socket = new Socket();
		try {
			this.socket.connect(new InetSocketAddress(deliveryUri.getHost(), deliveryUri.getPort()), 2000);
			String path = (deliveryUri.getRawPath() != null && !deliveryUri.getRawPath().isEmpty())
					? deliveryUri.getRawPath() : "/";
			String query = (deliveryUri.getRawQuery() != null) ? "?" + deliveryUri.getRawQuery() : "";
			byte[] partial = PARTIAL_BODY.getBytes(StandardCharsets.UTF_8);
			String head = "POST " + path + query + " HTTP/1.1\r\nHost: " + deliveryUri.getHost() + ":"
					+ deliveryUri.getPort() + "\r\nContent-Type: application/json\r\nContent-Length: "
					+ (partial.length * 4) + "\r\n\r\n";
			OutputStream out = this.socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.US_ASCII));
			out.write(partial);
			out.flush();
		}
		catch (IOException ex) {
			closeQuietly();
			throw new UncheckedIOException("Could not open a stalled connection to " + deliveryUri, ex);
		}
	}

	boolean isOpen() {
		return !this.socket.isClosed();
	}

	@Override
	public void close() {
		closeQuietly();
	}

	private void closeQuietly() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// nothing left to release
		}
	}

}
