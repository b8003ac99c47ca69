package dev.lambdaextension.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Checks of a buffering setting against the range Lambda documents for it, shared by the Telemetry API and Logs
 * API properties; the message names the property and the range.
 */
final class BufferingRanges {

	private BufferingRanges() {
	}

	static void checkMaxItems(int maxItems, int min, int max) {
		Assert.isTrue(maxItems >= min && maxItems <= max, () -> "'maxItems' must be between " + min + " and " + max);
	}

	static void checkMaxBytes(DataSize maxBytes, long min, long max) {
		Assert.isTrue(maxBytes.toBytes() >= min && maxBytes.toBytes() <= max,
				() -> "'maxBytes' must be between " + min + " and " + max + " bytes ("
						+ DataSize.ofBytes(min).toKilobytes() + "KB and " + DataSize.ofBytes(max).toMegabytes() + "MB)");
	}

	static void checkTimeout(@Nullable Duration timeout, long minMs, long maxMs) {
		Assert.isTrue(timeout == null || timeout.toMillis() >= minMs && timeout.toMillis() <= maxMs,
				() -> "'timeout' must be between " + minMs + "ms and " + maxMs + "ms");
	}

}
