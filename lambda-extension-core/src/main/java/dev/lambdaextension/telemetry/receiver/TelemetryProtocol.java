package dev.lambdaextension.telemetry.receiver;

import java.net.URI;

/**
 * How Lambda delivers telemetry to a {@link TelemetryReceiver}.
 *
 * @since 0.1.0
 */
public enum TelemetryProtocol {

	/**
	 * HTTP {@code POST} of JSON arrays, acknowledged by the response; Lambda retries a
	 * batch that was not accepted.
	 */
	HTTP,

	/**
	 * Newline-delimited JSON over TCP, one event per line, without acknowledgement:
	 * events can be lost when the extension is slow or stops.
	 */
	TCP;

	/**
	 * Return the destination to subscribe with: {@code http://host:port/path} for HTTP,
	 * {@code tcp://host:port} for TCP.
	 * @param host the host Lambda reaches the receiver on
	 * @param port the port the receiver listens on
	 * @param path the path of an HTTP receiver
	 * @return the destination
	 */
	public URI destination(String host, int port, String path) {
		return (this == TCP) ? URI.create("tcp://" + host + ":" + port) : URI.create("http://" + host + ":" + port + path);
	}

}
