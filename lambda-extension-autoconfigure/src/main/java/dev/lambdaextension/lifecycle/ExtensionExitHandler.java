package dev.lambdaextension.lifecycle;

/**
 * Ends the process once the extension is done: after {@code SHUTDOWN} with status 0, after
 * a fatal failure with a non-zero status. The default exits the JVM; tests replace it.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ExtensionExitHandler {

	/**
	 * Exit with the given status.
	 * @param status the exit status
	 */
	void exit(int status);

}
