package dev.lambdaextension.telemetry.receiver;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * Reads HTTP/1.x requests from one connection: the request line, the headers, and a body
 * sized by {@code Content-Length} or sent with the chunked transfer coding. Every read
 * waits at most the read timeout, and all reads of one request together at most the
 * request timeout. Bytes read past the end of a request are kept for the next one.
 */
final class HttpRequestReader {

	static final int MAX_HEAD_BYTES = 16 * 1024;

	private static final int BUFFER_SIZE = 8 * 1024;

	private static final int MAX_CHUNK_LINE = 1024;

	private final Socket socket;

	private final InputStream in;

	private final int readTimeoutMillis;

	private final long requestTimeoutNanos;

	private final byte[] buffer = new byte[BUFFER_SIZE];

	private final StringBuilder line = new StringBuilder(128);

	private int position;

	private int limit;

	private long deadline;

	private int headBytes;

	HttpRequestReader(Socket socket, ConnectionSettings settings) throws IOException {
		this.socket = socket;
		this.in = socket.getInputStream();
		this.readTimeoutMillis = settings.readTimeoutMillis();
		this.requestTimeoutNanos = settings.requestTimeoutNanos();
	}

	/**
	 * Wait for the first byte of the next request and start its request timeout.
	 * @param idleTimeoutMillis the longest wait
	 * @return {@code false} if the client closed the connection instead
	 * @throws SocketTimeoutException if nothing arrived in time
	 * @throws IOException if reading fails
	 */
	boolean awaitRequest(int idleTimeoutMillis) throws IOException {
		if (this.position == this.limit) {
			this.socket.setSoTimeout(idleTimeoutMillis);
			int read = this.in.read(this.buffer, 0, this.buffer.length);
			if (read == -1) {
				return false;
			}
			this.position = 0;
			this.limit = read;
		}
		this.deadline = System.nanoTime() + this.requestTimeoutNanos;
		this.headBytes = 0;
		return true;
	}

	/**
	 * Read the request line and the headers.
	 * @return the request head
	 * @throws HttpProtocolException if they are malformed or too large
	 * @throws IOException if reading fails or times out
	 */
	HttpRequestHead readHead() throws IOException, HttpProtocolException {
		String requestLine = readHeadLine();
		while (requestLine.isEmpty()) {
			requestLine = readHeadLine();
		}
		HttpRequestHead.Parser head = new HttpRequestHead.Parser(requestLine);
		for (String header = readHeadLine(); !header.isEmpty(); header = readHeadLine()) {
			head.header(header);
		}
		return head.build();
	}

	/**
	 * Read the body announced by the given head.
	 * @param head the head of the request
	 * @param maxBodyBytes the largest body accepted
	 * @return the body, empty when none was announced
	 * @throws HttpProtocolException with status {@code 413} if the body is larger than
	 * allowed, {@code 400} if its chunked coding is malformed
	 * @throws IOException if reading fails or times out
	 */
	byte[] readBody(HttpRequestHead head, int maxBodyBytes) throws IOException, HttpProtocolException {
		if (head.chunked()) {
			return readChunkedBody(maxBodyBytes);
		}
		if (head.contentLength() <= 0) {
			return new byte[0];
		}
		if (head.contentLength() > maxBodyBytes) {
			throw new HttpProtocolException(413, "declared body too large");
		}
		byte[] body = new byte[(int) head.contentLength()];
		readFully(body, 0, body.length);
		return body;
	}

	private byte[] readChunkedBody(int maxBodyBytes) throws IOException, HttpProtocolException {
		byte[] body = new byte[Math.min(BUFFER_SIZE, maxBodyBytes)];
		int size = 0;
		while (true) {
			long chunkSize = parseChunkSize(readLine(MAX_CHUNK_LINE));
			if (chunkSize == 0) {
				break;
			}
			if (chunkSize > maxBodyBytes - size) {
				throw new HttpProtocolException(413, "chunked body too large");
			}
			int required = size + (int) chunkSize;
			if (required > body.length) {
				body = Arrays.copyOf(body, (int) Math.min(maxBodyBytes, Math.max(required, 2L * body.length)));
			}
			readFully(body, size, (int) chunkSize);
			size = required;
			if (!readLine(MAX_CHUNK_LINE).isEmpty()) {
				throw new HttpProtocolException(400, "chunk not followed by CRLF");
			}
		}
		this.headBytes = 0;
		while (!readHeadLine().isEmpty()) {
			continue;
		}
		return (size == body.length) ? body : Arrays.copyOf(body, size);
	}

	private static long parseChunkSize(String line) throws HttpProtocolException {
		int end = line.indexOf(';');
		String digits = ((end >= 0) ? line.substring(0, end) : line).trim();
		if (digits.isEmpty() || digits.length() > 15) {
			throw new HttpProtocolException(400, "malformed chunk size");
		}
		long value = 0;
		for (int i = 0; i < digits.length(); i++) {
			int digit = Character.digit(digits.charAt(i), 16);
			if (digit < 0) {
				throw new HttpProtocolException(400, "malformed chunk size");
			}
			value = value * 16 + digit;
		}
		return value;
	}

	private String readHeadLine() throws IOException, HttpProtocolException {
		String result = readLine(MAX_HEAD_BYTES - this.headBytes);
		this.headBytes += result.length() + 2;
		return result;
	}

	private String readLine(int maxLength) throws IOException, HttpProtocolException {
		StringBuilder result = this.line;
		result.setLength(0);
		while (true) {
			if (this.position == this.limit) {
				fill();
			}
			int b = this.buffer[this.position++] & 0xFF;
			if (b == '\n') {
				break;
			}
			if (result.length() >= maxLength) {
				throw new HttpProtocolException(431, "line or headers too long");
			}
			result.append((char) b);
		}
		int length = result.length();
		if (length > 0 && result.charAt(length - 1) == '\r') {
			result.setLength(length - 1);
		}
		return result.toString();
	}

	private void readFully(byte[] target, int offset, int length) throws IOException {
		int buffered = Math.min(length, this.limit - this.position);
		System.arraycopy(this.buffer, this.position, target, offset, buffered);
		this.position += buffered;
		int done = buffered;
		while (done < length) {
			applyTimeout();
			int read = this.in.read(target, offset + done, length - done);
			if (read == -1) {
				throw new EOFException("Connection closed inside a request body");
			}
			done += read;
		}
	}

	private void fill() throws IOException {
		applyTimeout();
		int read = this.in.read(this.buffer, 0, this.buffer.length);
		if (read == -1) {
			throw new EOFException("Connection closed inside a request");
		}
		this.position = 0;
		this.limit = read;
	}

	private void applyTimeout() throws IOException {
		long remainingMillis = (this.deadline - System.nanoTime()) / 1_000_000;
		if (remainingMillis <= 0) {
			throw new SocketTimeoutException("Request not received within its time limit");
		}
		this.socket.setSoTimeout((int) Math.min(this.readTimeoutMillis, remainingMillis));
	}

}
