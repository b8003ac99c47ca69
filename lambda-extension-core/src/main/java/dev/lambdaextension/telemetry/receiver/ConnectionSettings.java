package dev.lambdaextension.telemetry.receiver;

/**
 * Limits applied to every connection of a {@link TelemetryReceiver}.
 *
 * @param path the only path accepted, without query string
 * @param maxBodyBytes the largest request body accepted
 * @param readTimeoutMillis the longest wait for any single read
 * @param requestTimeoutNanos the longest time to receive one request's headers and body,
 * from its first byte
 * @param idleTimeoutMillis the longest wait for the next request on a kept-alive
 * connection
 */
record ConnectionSettings(String path, int maxBodyBytes, int readTimeoutMillis, long requestTimeoutNanos,
		int idleTimeoutMillis) {

}
