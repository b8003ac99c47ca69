package dev.lambdaextension.lifecycle;

import java.time.Duration;
import java.time.Instant;

import dev.lambdaextension.telemetry.PlatformRestoreReport;
import dev.lambdaextension.telemetry.PlatformRestoreRuntimeDone;
import dev.lambdaextension.telemetry.PlatformRestoreStart;
import dev.lambdaextension.telemetry.RestoreReportMetrics;
import org.jspecify.annotations.Nullable;

/**
 * Published once when Lambda restored this SnapStart environment from its snapshot.
 * Lambda sends extensions no lifecycle event for a restore: the process simply resumes,
 * so the event comes from the restore's {@code platform} telemetry. It is published after
 * the first batch that holds {@code platform.restoreRuntimeDone} or
 * {@code platform.restoreReport}; a {@code platform.restoreStart} or
 * {@code platform.restoreReport} is attached when it came in that batch or before.
 * Lambda produces the three records back to back before the first invocation and
 * delivers them once the environment runs again, so the event arrives shortly after the
 * first {@code INVOKE}, not before it. Listeners run on the telemetry dispatch thread:
 * a slow one holds up the telemetry listeners.
 *
 * @since 0.1.0
 */
public class ExtensionRestoredEvent extends LambdaExtensionEvent {

	private final @Nullable PlatformRestoreStart restoreStart;

	private final @Nullable PlatformRestoreRuntimeDone restoreRuntimeDone;

	private final @Nullable PlatformRestoreReport restoreReport;

	/**
	 * Create an event; at least one of {@code restoreRuntimeDone} and
	 * {@code restoreReport} is known.
	 * @param source the publisher
	 * @param restoreStart the {@code platform.restoreStart}, when it arrived
	 * @param restoreRuntimeDone the {@code platform.restoreRuntimeDone}, when it arrived
	 * @param restoreReport the {@code platform.restoreReport}, when it arrived
	 */
	public ExtensionRestoredEvent(Object source, @Nullable PlatformRestoreStart restoreStart,
			@Nullable PlatformRestoreRuntimeDone restoreRuntimeDone, @Nullable PlatformRestoreReport restoreReport) {
		super(source);
		if (restoreRuntimeDone == null && restoreReport == null) {
			throw new IllegalArgumentException("'restoreRuntimeDone' or 'restoreReport' must not be null");
		}
		this.restoreStart = restoreStart;
		this.restoreRuntimeDone = restoreRuntimeDone;
		this.restoreReport = restoreReport;
	}

	/**
	 * Return when the restore started.
	 * @return the time of {@code platform.restoreStart}, or {@code null} when it did not
	 * arrive
	 */
	public @Nullable Instant restoreStartTime() {
		return (this.restoreStart != null) ? this.restoreStart.time() : null;
	}

	/**
	 * Return the version of the runtime the environment was restored with.
	 * @return the runtime version, or {@code null} when Lambda did not say
	 */
	public @Nullable String runtimeVersion() {
		return (this.restoreStart != null) ? this.restoreStart.runtimeVersion() : null;
	}

	/**
	 * Return the outcome of the restore: the status of {@code platform.restoreRuntimeDone},
	 * or of {@code platform.restoreReport} without it.
	 * @return the status, for example {@code success}, {@code error} or {@code timeout},
	 * or {@code null} when Lambda did not say
	 */
	public @Nullable String status() {
		if (this.restoreRuntimeDone != null) {
			return this.restoreRuntimeDone.status();
		}
		return (this.restoreReport != null) ? this.restoreReport.status() : null;
	}

	/**
	 * Return whether the restore succeeded.
	 * @return whether the {@link #status() status} is {@code success}
	 */
	public boolean isSuccess() {
		return "success".equalsIgnoreCase(status());
	}

	/**
	 * Return how long the restore took, from {@code platform.restoreReport}.
	 * @return the duration, or {@code null} when the report did not come with or before
	 * the {@code platform.restoreRuntimeDone}, or had no metrics
	 */
	public @Nullable Duration duration() {
		RestoreReportMetrics metrics = (this.restoreReport != null) ? this.restoreReport.metrics() : null;
		return (metrics != null) ? Duration.ofNanos(Math.round(metrics.durationMs() * 1_000_000)) : null;
	}

	/**
	 * Return the {@code platform.restoreStart}: function, instance and runtime details.
	 * @return the record, or {@code null} when it did not arrive
	 */
	public @Nullable PlatformRestoreStart restoreStart() {
		return this.restoreStart;
	}

	/**
	 * Return the {@code platform.restoreRuntimeDone}: status, error type and spans.
	 * @return the record, or {@code null} when it did not arrive
	 */
	public @Nullable PlatformRestoreRuntimeDone restoreRuntimeDone() {
		return this.restoreRuntimeDone;
	}

	/**
	 * Return the {@code platform.restoreReport}: status, error type and duration.
	 * @return the record, or {@code null} when it did not arrive with or before the
	 * {@code platform.restoreRuntimeDone}
	 */
	public @Nullable PlatformRestoreReport restoreReport() {
		return this.restoreReport;
	}

}
