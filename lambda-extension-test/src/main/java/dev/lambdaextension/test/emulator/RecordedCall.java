package dev.lambdaextension.test.emulator;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP call received by the emulator, recorded once the answer was sent.
 *
 * @param method the HTTP method
 * @param path the request path, without query
 * @param headers request headers, with case-insensitive lookup
 * @param body the request body as UTF-8 text
 * @param status the status the emulator answered, or 0 when it closed the connection without an answer (a
 * {@code next} parked across a SnapStart restore)
 * @param responseBody the body the emulator answered
 * @param receivedAt when the request was received
 * @param receivedNanos {@link System#nanoTime()} when the request was received
 * @since 0.1.0
 */
public record RecordedCall(String method, String path, Map<String, List<String>> headers, String body, int status,
		String responseBody, Instant receivedAt, long receivedNanos) {

	/**
	 * Create a recorded call, copying the headers into an immutable case-insensitive map.
	 */
	public RecordedCall {
		Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
		headers = Collections.unmodifiableMap(copy);
	}

	/**
	 * Return the first value of a request header.
	 * @param name the header name, in any case
	 * @return the first value, or {@code null} when absent
	 */
	public @Nullable String header(String name) {
		List<String> values = this.headers.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

}
