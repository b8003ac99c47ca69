package dev.lambdaextension.test.emulator;

/**
 * Thrown by a control plane call that ends with its connection closed and no answer, as a
 * parked {@code next} does when the environment is restored from a SnapStart snapshot.
 */
final class DroppedConnection extends RuntimeException {

	private static final long serialVersionUID = 1L;

	DroppedConnection(String message) {
		super(message, null, false, false);
	}

}
