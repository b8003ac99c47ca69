package dev.lambdaextension.lifecycle;

import java.time.Duration;
import java.time.Instant;

import dev.lambdaextension.client.ShutdownEvent;
import dev.lambdaextension.client.ShutdownReason;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Ends an internal extension when the function's JVM stops. Lambda sends an internal
 * extension no {@code SHUTDOWN}: it sends the runtime {@code SIGTERM}, and Spring Boot's
 * shutdown hook closes the context. Stopping before the {@link ExtensionEventLoop}, this
 * lets the {@link TelemetryDrain} deliver the telemetry still held, within a bounded time,
 * then publishes {@link ExtensionShutdownCompletedEvent} (reason
 * {@link ShutdownReason#SPINDOWN}, deadline the end of that time), so that flushing and
 * summaries run as after a {@code SHUTDOWN}. It never ends the process.
 *
 * @since 0.1.0
 */
public class InternalExtensionShutdown implements SmartLifecycle {

	/**
	 * Phase: one above the event loop's, so it stops first.
	 */
	public static final int PHASE = ExtensionEventLoop.PHASE + 1;

	private static final Log logger = LogFactory.getLog(InternalExtensionShutdown.class);

	private final ExtensionEventLoop loop;

	private final TelemetryDrain drain;

	private final ApplicationEventPublisher publisher;

	private final Duration timeout;

	private volatile boolean running;

	/**
	 * Create a shutdown.
	 * @param loop the event loop, asked whether the extension registered at all
	 * @param drain delivers the telemetry still held
	 * @param publisher publishes {@link ExtensionShutdownCompletedEvent}
	 * @param timeout how long draining may take
	 */
	public InternalExtensionShutdown(ExtensionEventLoop loop, TelemetryDrain drain, ApplicationEventPublisher publisher,
			Duration timeout) {
		this.loop = loop;
		this.drain = drain;
		this.publisher = publisher;
		this.timeout = timeout;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		if (this.loop.getRegistration() == null) {
			return;
		}
		Instant deadline = Instant.now().plus(this.timeout);
		TelemetryDrain.Outcome outcome = new TelemetryDrain.Outcome(0, 0);
		try {
			outcome = this.drain.drain(new ShutdownEvent(ShutdownReason.SPINDOWN, deadline), deadline);
		}
		catch (RuntimeException ex) {
			logger.error("Telemetry drain of the internal extension failed", ex);
		}
		try {
			this.publisher.publishEvent(new ExtensionShutdownCompletedEvent(this.loop, ShutdownReason.SPINDOWN,
					deadline, outcome.delivered(), outcome.lost()));
		}
		catch (RuntimeException ex) {
			logger.error("SHUTDOWN-completed listener of the internal extension failed", ex);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
