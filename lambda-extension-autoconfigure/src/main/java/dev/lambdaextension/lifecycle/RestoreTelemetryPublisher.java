package dev.lambdaextension.lifecycle;

import java.util.List;
import java.util.Objects;

import dev.lambdaextension.telemetry.PlatformRestoreReport;
import dev.lambdaextension.telemetry.PlatformRestoreRuntimeDone;
import dev.lambdaextension.telemetry.PlatformRestoreStart;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryListener;
import dev.lambdaextension.telemetry.TelemetryTypes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Turns the restore telemetry of a SnapStart environment into one
 * {@link ExtensionRestoredEvent}: a telemetry listener of the three
 * {@code platform.restore*} types, so the subscription includes the {@code platform}
 * stream even when no other listener asks for it.
 *
 * @since 0.1.0
 */
public class RestoreTelemetryPublisher {

	/** Id of the telemetry listener. */
	public static final String LISTENER_ID = "lambdaExtensionRestore";

	private static final Log logger = LogFactory.getLog(RestoreTelemetryPublisher.class);

	private final ApplicationEventPublisher publisher;

	private @Nullable PlatformRestoreStart restoreStart;

	private boolean published;

	/**
	 * Create a publisher.
	 * @param publisher where the event goes
	 */
	public RestoreTelemetryPublisher(ApplicationEventPublisher publisher) {
		this.publisher = Objects.requireNonNull(publisher, "'publisher' must not be null");
	}

	/**
	 * Take a batch of restore telemetry; publishes the event after the first batch with a
	 * {@code platform.restoreRuntimeDone} or {@code platform.restoreReport}.
	 * @param events the restore records of one batch, in their order
	 */
	@TelemetryListener(id = LISTENER_ID, types = { TelemetryTypes.PLATFORM_RESTORE_START,
			TelemetryTypes.PLATFORM_RESTORE_RUNTIME_DONE, TelemetryTypes.PLATFORM_RESTORE_REPORT })
	public synchronized void restored(List<TelemetryEvent> events) {
		PlatformRestoreRuntimeDone runtimeDone = null;
		PlatformRestoreReport report = null;
		for (TelemetryEvent event : events) {
			if (event instanceof PlatformRestoreStart start && this.restoreStart == null) {
				this.restoreStart = start;
			}
			else if (event instanceof PlatformRestoreRuntimeDone done && runtimeDone == null) {
				runtimeDone = done;
			}
			else if (event instanceof PlatformRestoreReport restoreReport && report == null) {
				report = restoreReport;
			}
		}
		if (this.published || (runtimeDone == null && report == null)) {
			return;
		}
		this.published = true;
		ExtensionRestoredEvent restored = new ExtensionRestoredEvent(this, this.restoreStart, runtimeDone, report);
		logger.info("Environment restored from a SnapStart snapshot (" + restored.status() + ")");
		this.publisher.publishEvent(restored);
	}

	/**
	 * Return whether the event was published.
	 * @return whether this environment was seen restored
	 */
	public synchronized boolean isPublished() {
		return this.published;
	}

}
