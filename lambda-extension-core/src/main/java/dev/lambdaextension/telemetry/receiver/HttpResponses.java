package dev.lambdaextension.telemetry.receiver;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the body-less HTTP/1.1 responses of a {@link TelemetryReceiver}.
 */
final class HttpResponses {

	private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

	private HttpResponses() {
	}

	/**
	 * Write a response with an empty body.
	 * @param out the connection's output
	 * @param status the status
	 * @param close whether the connection is closed after the response
	 * @param keepAlive whether to confirm an HTTP/1.0 keep-alive connection
	 * @throws IOException if writing fails
	 */
	static void write(OutputStream out, int status, boolean close, boolean keepAlive) throws IOException {
		StringBuilder response = new StringBuilder(128).append("HTTP/1.1 ")
			.append(status)
			.append(' ')
			.append(reason(status))
			.append("\r\nContent-Length: 0\r\n");
		if (status == 405) {
			response.append("Allow: POST, PUT\r\n");
		}
		if (close) {
			response.append("Connection: close\r\n");
		}
		else if (keepAlive) {
			response.append("Connection: keep-alive\r\n");
		}
		out.write(response.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

	/**
	 * Write the interim response that asks a client waiting for it to send the body.
	 * @param out the connection's output
	 * @throws IOException if writing fails
	 */
	static void writeContinue(OutputStream out) throws IOException {
		out.write(CONTINUE);
		out.flush();
	}

	private static String reason(int status) {
		return switch (status) {
			case 200 -> "OK";
			case 400 -> "Bad Request";
			case 404 -> "Not Found";
			case 405 -> "Method Not Allowed";
			case 408 -> "Request Timeout";
			case 413 -> "Content Too Large";
			case 431 -> "Request Header Fields Too Large";
			case 500 -> "Internal Server Error";
			case 501 -> "Not Implemented";
			case 503 -> "Service Unavailable";
			case 505 -> "HTTP Version Not Supported";
			default -> "Unknown";
		};
	}

}
