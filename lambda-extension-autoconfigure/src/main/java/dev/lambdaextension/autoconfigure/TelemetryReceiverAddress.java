package dev.lambdaextension.autoconfigure;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Chooses the address the telemetry receiver binds to: the configured bind address, else
 * the address the destination host resolves to (in Lambda, {@code sandbox.localdomain}),
 * else the loopback address, never every interface by accident.
 */
final class TelemetryReceiverAddress {

	private static final Log logger = LogFactory.getLog(TelemetryReceiverAddress.class);

	private TelemetryReceiverAddress() {
	}

	static InetSocketAddress resolve(LambdaExtensionProperties.Receiver receiver) {
		String bindAddress = receiver.getBindAddress();
		String host = (bindAddress != null && !bindAddress.isBlank()) ? bindAddress : receiver.getHost();
		try {
			return new InetSocketAddress(InetAddress.getByName(host), receiver.getPort());
		}
		catch (UnknownHostException ex) {
			logger.info("Telemetry receiver host " + host + " does not resolve; listening on the loopback address");
			return new InetSocketAddress(InetAddress.getLoopbackAddress(), receiver.getPort());
		}
	}

}
