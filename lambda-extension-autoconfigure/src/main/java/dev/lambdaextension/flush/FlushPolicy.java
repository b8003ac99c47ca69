package dev.lambdaextension.flush;

/**
 * When the {@link TelemetryFlusher} beans are called, besides the last call after the
 * shutdown drain.
 *
 * @since 0.2.0
 */
public enum FlushPolicy {

	/**
	 * After each invocation, once its telemetry was dispatched and before the next
	 * {@code event/next}. Needs {@code INVOKE} events.
	 */
	END_OF_INVOCATION,

	/**
	 * Every flush interval, on a timer that does not run while the environment is frozen.
	 */
	PERIODIC,

	/**
	 * After every batch dispatched to the listeners.
	 */
	CONTINUOUS,

	/**
	 * Periodic while invocations are frequent, at the end of the invocation when they are
	 * rare. Needs {@code INVOKE} events.
	 */
	ADAPTIVE;

	/**
	 * Return whether the policy needs {@code INVOKE} events.
	 * @return whether it does
	 */
	public boolean needsInvocations() {
		return this == END_OF_INVOCATION || this == ADAPTIVE;
	}

}
