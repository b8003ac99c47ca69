package dev.lambdaextension.test.emulator;

/**
 * State of an emulated extension, mirroring the platform's extension state machine.
 *
 * @since 0.1.0
 */
public enum EmulatedExtensionState {

	/**
	 * Registered, has not called {@code next} yet.
	 */
	REGISTERED("Registered"),

	/**
	 * Parked in {@code next}, waiting for an event.
	 */
	READY("Ready"),

	/**
	 * Received an event and has not called {@code next} again yet.
	 */
	RUNNING("Running"),

	/**
	 * Called {@code init/error}.
	 */
	INIT_ERROR("InitError"),

	/**
	 * Called {@code exit/error}.
	 */
	EXIT_ERROR("ExitError"),

	/**
	 * Process exited with code 0 during shutdown.
	 */
	EXITED("Exited"),

	/**
	 * Process exited with a non-zero code during shutdown.
	 */
	SHUTDOWN_FAILED("ShutdownFailed"),

	/**
	 * Process was killed by the launcher after the shutdown deadline or without a SHUTDOWN subscription.
	 */
	KILLED("Killed"),

	/**
	 * Process exited while not shutting down ({@code Extension.Crash}).
	 */
	CRASHED("Crashed"),

	/**
	 * Process could not be started ({@code Extension.LaunchError}).
	 */
	LAUNCH_ERROR("LaunchError");

	private final String wireName;

	EmulatedExtensionState(String wireName) {
		this.wireName = wireName;
	}

	/**
	 * Return the name the platform uses for this state, e.g. in {@code platform.extension}.
	 * @return the platform's state name
	 */
	public String wireName() {
		return this.wireName;
	}

	/**
	 * Return whether no further Extensions API call is accepted in this state.
	 * @return whether the state is terminal
	 */
	public boolean isTerminal() {
		return this != REGISTERED && this != READY && this != RUNNING;
	}

}
