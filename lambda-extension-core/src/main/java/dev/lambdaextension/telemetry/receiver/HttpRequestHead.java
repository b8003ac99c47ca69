package dev.lambdaextension.telemetry.receiver;

/**
 * The request line and the headers of one HTTP/1.x request, reduced to what the
 * receiver needs.
 *
 * @param method the request method
 * @param path the request path, without query string
 * @param http11 whether the request is HTTP/1.1 rather than HTTP/1.0
 * @param contentLength the declared body length, or {@code -1} when not declared
 * @param chunked whether the body uses the chunked transfer coding
 * @param closeRequested whether the client sent {@code Connection: close}
 * @param keepAliveRequested whether the client sent {@code Connection: keep-alive}
 * @param expectContinue whether the client waits for {@code 100 Continue}
 */
record HttpRequestHead(String method, String path, boolean http11, long contentLength, boolean chunked,
		boolean closeRequested, boolean keepAliveRequested, boolean expectContinue) {

	/**
	 * Return whether the request announces a body.
	 * @return whether a body follows the headers
	 */
	boolean hasBody() {
		return this.chunked || this.contentLength > 0;
	}

	/**
	 * Return whether the connection may carry another request after this one.
	 * @return whether the connection stays open
	 */
	boolean keepAlive() {
		return !this.closeRequested && (this.http11 || this.keepAliveRequested);
	}

	/**
	 * Collects the parts of a request head from its request line and header lines.
	 */
	static final class Parser {

		private final String method;

		private final String path;

		private final boolean http11;

		private long contentLength = -1;

		private boolean chunked;

		private boolean closeRequested;

		private boolean keepAliveRequested;

		private boolean expectContinue;

		Parser(String requestLine) throws HttpProtocolException {
			int first = requestLine.indexOf(' ');
			int last = requestLine.lastIndexOf(' ');
			if (first <= 0 || last == first) {
				throw new HttpProtocolException(400, "malformed request line");
			}
			String version = requestLine.substring(last + 1);
			if (!version.startsWith("HTTP/1.")) {
				throw new HttpProtocolException(version.startsWith("HTTP/") ? 505 : 400, "unsupported version");
			}
			this.method = requestLine.substring(0, first);
			this.path = path(requestLine.substring(first + 1, last));
			this.http11 = !"HTTP/1.0".equals(version);
		}

		private static String path(String target) {
			int start = 0;
			int scheme = target.indexOf("://");
			if (scheme > 0 && target.charAt(0) != '/') {
				start = target.indexOf('/', scheme + 3);
				if (start < 0) {
					return "/";
				}
			}
			int end = target.length();
			for (int i = start; i < end; i++) {
				char c = target.charAt(i);
				if (c == '?' || c == '#') {
					end = i;
				}
			}
			return target.substring(start, end);
		}

		void header(String line) throws HttpProtocolException {
			int colon = line.indexOf(':');
			if (colon <= 0 || isSpace(line.charAt(0)) || isSpace(line.charAt(colon - 1))) {
				throw new HttpProtocolException(400, "malformed header");
			}
			String name = line.substring(0, colon);
			String value = line.substring(colon + 1).trim();
			if ("Content-Length".equalsIgnoreCase(name)) {
				long length = parseLength(value);
				if (this.contentLength >= 0 && this.contentLength != length) {
					throw new HttpProtocolException(400, "conflicting Content-Length");
				}
				this.contentLength = length;
			}
			else if ("Transfer-Encoding".equalsIgnoreCase(name)) {
				if (!"chunked".equalsIgnoreCase(value)) {
					throw new HttpProtocolException(501, "unsupported transfer coding");
				}
				this.chunked = true;
			}
			else if ("Connection".equalsIgnoreCase(name)) {
				for (String token : value.split(",")) {
					String option = token.trim();
					this.closeRequested |= "close".equalsIgnoreCase(option);
					this.keepAliveRequested |= "keep-alive".equalsIgnoreCase(option);
				}
			}
			else if ("Expect".equalsIgnoreCase(name)) {
				this.expectContinue = "100-continue".equalsIgnoreCase(value);
			}
		}

		private static boolean isSpace(char c) {
			return c == ' ' || c == '\t';
		}

		private static long parseLength(String value) throws HttpProtocolException {
			if (value.isEmpty() || value.length() > 18) {
				throw new HttpProtocolException(400, "malformed Content-Length");
			}
			long length = 0;
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (c < '0' || c > '9') {
					throw new HttpProtocolException(400, "malformed Content-Length");
				}
				length = length * 10 + (c - '0');
			}
			return length;
		}

		HttpRequestHead build() throws HttpProtocolException {
			if (this.chunked && this.contentLength >= 0) {
				throw new HttpProtocolException(400, "both Content-Length and Transfer-Encoding");
			}
			return new HttpRequestHead(this.method, this.path, this.http11, this.contentLength, this.chunked,
					this.closeRequested, this.keepAliveRequested, this.expectContinue);
		}

	}

}
