package dev.lambdaextension.test.emulator;

/**
 * Outcome of an emulated invocation, as reported in {@code platform.runtimeDone} and {@code platform.report}.
 *
 * @since 0.1.0
 */
public enum InvocationStatus {

	/**
	 * The function returned normally.
	 */
	SUCCESS,

	/**
	 * The function failed.
	 */
	ERROR,

	/**
	 * The function hit its timeout.
	 */
	TIMEOUT;

	/**
	 * Return the wire value.
	 * @return the lower-case status
	 */
	public String wireName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
