package dev.lambdaextension.client;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Why Lambda shuts an execution environment down.
 *
 * @since 0.1.0
 */
public enum ShutdownReason {

	/**
	 * The environment is retired in the normal course of things.
	 */
	SPINDOWN,

	/**
	 * An invocation ran past the function timeout.
	 */
	TIMEOUT,

	/**
	 * A failure, such as the runtime running out of memory.
	 */
	FAILURE,

	/**
	 * A reason this version does not know.
	 */
	UNKNOWN;

	/**
	 * Parse a reason as Lambda sends it, ignoring case: real Lambda sends lower case
	 * where the documentation shows upper case.
	 * @param value the value of {@code shutdownReason}, may be {@code null}
	 * @return the reason, {@link #UNKNOWN} when absent or unrecognised
	 */
	public static ShutdownReason parse(@Nullable String value) {
		if (value == null) {
			return UNKNOWN;
		}
		try {
			return valueOf(value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return UNKNOWN;
		}
	}

}
