package dev.lambdaextension.lifecycle;

import dev.lambdaextension.listener.TelemetryListenerRegistry;
import dev.lambdaextension.telemetry.dispatch.TelemetryDispatcher;
import dev.lambdaextension.telemetry.receiver.TelemetryReceiver;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The parts of a running extension that health and diagnostics read: the event loop
 * always, the others when they exist (the telemetry parts only when telemetry is
 * configured).
 *
 * @param loop the event loop
 * @param history the recent lifecycle events, if recorded
 * @param subscriber the telemetry subscriber, if telemetry is configured
 * @param receiver the telemetry receiver, if telemetry is configured
 * @param dispatcher the telemetry dispatcher, if telemetry is configured
 * @param listeners the telemetry listeners, if telemetry is configured
 * @since 0.1.0
 */
public record ExtensionComponents(ExtensionEventLoop loop, @Nullable ExtensionEventHistory history,
		@Nullable TelemetrySubscriber subscriber, @Nullable TelemetryReceiver receiver,
		@Nullable TelemetryDispatcher dispatcher, @Nullable TelemetryListenerRegistry listeners) {

	public ExtensionComponents {
		Assert.notNull(loop, "'loop' must not be null");
	}

	/**
	 * Return the parts of an extension that has only its event loop.
	 * @param loop the event loop
	 * @return the components
	 */
	public static ExtensionComponents of(ExtensionEventLoop loop) {
		return new ExtensionComponents(loop, null, null, null, null, null);
	}

}
