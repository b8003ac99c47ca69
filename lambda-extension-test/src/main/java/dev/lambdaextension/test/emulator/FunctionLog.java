package dev.lambdaextension.test.emulator;

/**
 * One log line written by the emulated function during an invocation.
 *
 * @param level log level such as {@code INFO} or {@code ERROR}
 * @param message the message
 * @since 0.1.0
 */
public record FunctionLog(String level, String message) {

	/**
	 * Create an {@code INFO} line.
	 * @param message the message
	 * @return the line
	 */
	public static FunctionLog info(String message) {
		return new FunctionLog("INFO", message);
	}

	/**
	 * Create an {@code ERROR} line.
	 * @param message the message
	 * @return the line
	 */
	public static FunctionLog error(String message) {
		return new FunctionLog("ERROR", message);
	}

}
