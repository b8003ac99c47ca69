package dev.lambdaextension.autoconfigure;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Chooses the address the telemetry listener binds to: the configured bind address, else
 * the address the destination host resolves to (in Lambda, {@code sandbox.localdomain}),
 * else the loopback address, never every interface by accident.
 */
final class TelemetryListenerAddress {

	private static final Log logger = LogFactory.getLog(TelemetryListenerAddress.class);

	private TelemetryListenerAddress() {
	}

	static InetSocketAddress resolve(LambdaExtensionProperties.Listener listener) {
		String bindAddress = listener.getBindAddress();
		String host = (bindAddress != null && !bindAddress.isBlank()) ? bindAddress : listener.getHost();
		try {
			return new InetSocketAddress(InetAddress.getByName(host), listener.getPort());
		}
		catch (UnknownHostException ex) {
			logger.info("Telemetry listener host " + host + " does not resolve; listening on the loopback address");
			return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getPort());
		}
	}

}
