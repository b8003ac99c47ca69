package dev.lambdaextension.test.emulator;

/**
 * One log line written by the emulated function during an invocation.
 *
 * @param level log level such as {@code INFO} or {@code ERROR}
 * @param message the message
 * @since 0.1.0
 */
public record EmulatedFunctionLog(String level, String message) {

	/**
	 * Create an {@code INFO} line.
	 * @param message the message
	 * @return the line
	 */
	public static EmulatedFunctionLog info(String message) {
		return new EmulatedFunctionLog("INFO", message);
	}

	/**
	 * Create an {@code ERROR} line.
	 * @param message the message
	 * @return the line
	 */
	public static EmulatedFunctionLog error(String message) {
		return new EmulatedFunctionLog("ERROR", message);
	}

}
