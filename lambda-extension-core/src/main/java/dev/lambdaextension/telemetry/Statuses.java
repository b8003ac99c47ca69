package dev.lambdaextension.telemetry;

import org.jspecify.annotations.Nullable;

/**
 * Case-insensitive checks of the {@code status} of platform events.
 */
final class Statuses {

	static final String SUCCESS = "success";

	static final String TIMEOUT = "timeout";

	private Statuses() {
	}

	static boolean isSuccess(@Nullable String status) {
		return SUCCESS.equalsIgnoreCase(status);
	}

	static boolean isTimeout(@Nullable String status) {
		return TIMEOUT.equalsIgnoreCase(status);
	}

}
