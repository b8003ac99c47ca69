package dev.lambdaextension.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Makes the most of an {@code event/next} body that is not JSON, for example one cut
 * short. A {@code SHUTDOWN} must still be recognised, or the extension would call
 * {@code next} again and be killed at the deadline without flushing; anything else
 * becomes an {@link UnrecognizedEvent} and the loop goes on.
 */
final class UnreadableEventBody {

	/**
	 * Assumed time left when a {@code SHUTDOWN} body lost its deadline: less than the
	 * shortest budget an external extension gets after the runtime's share.
	 */
	static final Duration ASSUMED_SHUTDOWN_BUDGET = Duration.ofMillis(1500);

	private static final Pattern EVENT_TYPE = Pattern.compile("\"eventType\"\\s*:\\s*\"([A-Za-z_]+)\"");

	private static final Pattern SHUTDOWN_REASON = Pattern.compile("\"shutdownReason\"\\s*:\\s*\"([A-Za-z_]+)\"");

	private static final Pattern DEADLINE = Pattern.compile("\"deadlineMs\"\\s*:\\s*(\\d{1,19})\\s*[,}]");

	private UnreadableEventBody() {
	}

	static NextEvent salvage(byte[] body, Instant now) {
		String text = new String(body, StandardCharsets.UTF_8);
		String eventType = group(EVENT_TYPE, text);
		String problem = "body of " + body.length + " bytes is not valid JSON";
		if (!"SHUTDOWN".equalsIgnoreCase(eventType)) {
			return new UnrecognizedEvent(eventType, problem, Instant.EPOCH);
		}
		String deadlineMs = group(DEADLINE, text);
		Instant deadline = (deadlineMs != null) ? Instant.ofEpochMilli(Long.parseLong(deadlineMs)) : null;
		if (deadline == null || deadline.isBefore(now)) {
			deadline = now.plus(ASSUMED_SHUTDOWN_BUDGET);
		}
		return new ShutdownEvent(ShutdownReason.parse(group(SHUTDOWN_REASON, text)), deadline);
	}

	private static @Nullable String group(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		return matcher.find() ? matcher.group(1) : null;
	}

}
