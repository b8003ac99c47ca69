package dev.lambdaextension.telemetry;

import org.jspecify.annotations.Nullable;

/**
 * A platform event that ends a phase (Init, Restore or an invocation) with the status
 * Lambda gives it, such as {@code success}, {@code error}, {@code failure} or
 * {@code timeout}.
 *
 * @since 0.1.0
 */
public interface PhaseOutcome {

	/**
	 * Return the status exactly as sent.
	 * @return the status, or {@code null} when absent
	 */
	@Nullable String status();

	/**
	 * Return whether the status is {@code success}, ignoring case. An absent status is not
	 * a success.
	 * @return whether the phase succeeded
	 */
	default boolean isSuccess() {
		return "success".equalsIgnoreCase(status());
	}

	/**
	 * Return whether the status is {@code timeout}, ignoring case.
	 * @return whether the phase timed out
	 */
	default boolean isTimeout() {
		return "timeout".equalsIgnoreCase(status());
	}

}
