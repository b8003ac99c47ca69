package dev.lambdaextension.telemetry.receiver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * Thrown when a {@link TelemetryReceiver} cannot listen on its address: the port is taken,
 * or the address is not one of this machine's.
 *
 * @since 0.2.0
 */
public class TelemetryReceiverBindException extends UncheckedIOException {

	private static final long serialVersionUID = 1L;

	private final InetSocketAddress address;

	/**
	 * Create an exception.
	 * @param address the address that could not be bound
	 * @param cause why
	 */
	public TelemetryReceiverBindException(InetSocketAddress address, IOException cause) {
		super("Could not bind the telemetry receiver to " + address, cause);
		this.address = address;
	}

	/**
	 * Return the address that could not be bound.
	 * @return the address
	 */
	public InetSocketAddress getAddress() {
		return this.address;
	}

}
