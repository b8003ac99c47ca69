package dev.lambdaextension.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.lambdaextension.client.RegisterResponse;
import dev.lambdaextension.lifecycle.ExtensionObserver;
import dev.lambdaextension.telemetry.InitReportMetrics;
import dev.lambdaextension.telemetry.PlatformInitReport;
import dev.lambdaextension.telemetry.PlatformLogsDropped;
import dev.lambdaextension.telemetry.PlatformReport;
import dev.lambdaextension.telemetry.ReportMetrics;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryListener;
import dev.lambdaextension.telemetry.TelemetryTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;


/**
 * Records Micrometer meters about the function from its platform telemetry: invocation
 * and billed durations, init duration, maximum memory used, cold starts, invocations by
 * status (errors and timeouts included) and records Lambda dropped. Tags are the
 * function name, its version and, where it applies, the status; never a request id.
 * <p>
 * Its {@code @TelemetryListener} method makes the extension subscribe to the
 * {@code platform} stream. A {@link MeterBinder}: what it records before a registry is
 * bound, which may happen only after the first {@code event/next} (deferred
 * initialisation), is kept until then.
 *
 * @since 0.1.0
 */
public class LambdaFunctionMetrics implements ExtensionObserver, MeterBinder {

	/**
	 * Id of this class's telemetry listener.
	 */
	public static final String LISTENER_ID = "lambdaFunctionMetrics";

	static final String PREFIX = "lambda.function.";

	private static final String UNKNOWN = "unknown";

	private static final Set<String> STATUSES = Set.of("success", "error", "failure", "timeout");

	private static final double BYTES_PER_MB = 1024.0 * 1024.0;

	private final MeterRecorder recorder = new MeterRecorder();

	private volatile Tags functionTags = Tags.of("function", UNKNOWN, "version", UNKNOWN);

	@Override
	public void bindTo(MeterRegistry registry) {
		this.recorder.bindTo(registry);
	}

	@Override
	public void registered(RegisterResponse registration) {
		this.functionTags = Tags.of("function", valueOrUnknown(registration.functionName()), "version",
				valueOrUnknown(registration.functionVersion()));
	}

	/**
	 * Record the meters of a batch of platform events.
	 * @param events the reports, init reports and dropped-records events of one batch
	 */
	@TelemetryListener(id = LISTENER_ID, types = { TelemetryTypes.PLATFORM_REPORT, TelemetryTypes.PLATFORM_INIT_REPORT,
			TelemetryTypes.PLATFORM_LOGS_DROPPED })
	public void record(List<TelemetryEvent> events) {
		Tags functionTags = this.functionTags;
		for (TelemetryEvent event : events) {
			if (event instanceof PlatformReport report) {
				recordReport(report, functionTags);
			}
			else if (event instanceof PlatformInitReport initReport) {
				recordInitReport(initReport, functionTags);
			}
			else if (event instanceof PlatformLogsDropped logsDropped) {
				this.recorder.record((registry) -> Counter.builder(PREFIX + "logs.dropped")
						.description("Telemetry records Lambda dropped")
						.baseUnit("records")
						.tags(functionTags)
						.register(registry)
						.increment(logsDropped.droppedRecords()));
			}
		}
	}

	private void recordReport(PlatformReport report, Tags functionTags) {
		Tags tags = functionTags.and("status", status(report.status()));
		this.recorder.record((registry) -> Counter.builder(PREFIX + "invocations")
				.description("Invocations of the function, by status")
				.tags(tags)
				.register(registry)
				.increment());
		ReportMetrics metrics = report.metrics();
		if (metrics == null) {
			return;
		}
		this.recorder.record((registry) -> Timer.builder(PREFIX + "duration")
				.description("Duration of the function's invocations")
				.tags(tags)
				.register(registry)
				.record(millis(metrics.durationMs())));
		Double billedDurationMs = metrics.billedDurationMs();
		if (billedDurationMs != null) {
			this.recorder.record((registry) -> Timer.builder(PREFIX + "billed.duration")
					.description("Billed duration of the function's invocations")
					.tags(tags)
					.register(registry)
					.record(millis(billedDurationMs)));
		}
		Double maxMemoryUsedMB = metrics.maxMemoryUsedMB();
		if (maxMemoryUsedMB != null) {
			this.recorder.record((registry) -> DistributionSummary.builder(PREFIX + "memory.max.used")
					.description("Maximum memory the function used during an invocation")
					.baseUnit("bytes")
					.tags(functionTags)
					.register(registry)
					.record(maxMemoryUsedMB * BYTES_PER_MB));
		}
		if (metrics.initDurationMs() != null) {
			this.recorder.record((registry) -> Counter.builder(PREFIX + "cold.starts")
					.description("Invocations that paid for the initialization of an execution environment")
					.tags(functionTags)
					.register(registry)
					.increment());
		}
	}

	private void recordInitReport(PlatformInitReport initReport, Tags functionTags) {
		InitReportMetrics metrics = initReport.metrics();
		if (metrics == null) {
			return;
		}
		this.recorder.record((registry) -> Timer.builder(PREFIX + "init.duration")
				.description("Duration of the initialization of an execution environment")
				.tags(functionTags.and("status", status(initReport.status())))
				.register(registry)
				.record(millis(metrics.durationMs())));
	}

	private static Duration millis(double millis) {
		return Duration.ofNanos(Math.round(Math.max(0, millis) * 1_000_000.0));
	}

	private static String status(@Nullable String status) {
		if (status == null) {
			return UNKNOWN;
		}
		String normalized = status.toLowerCase(Locale.ROOT);
		return STATUSES.contains(normalized) ? normalized : "other";
	}

	private static String valueOrUnknown(@Nullable String value) {
		return (value != null && !value.isBlank()) ? value : UNKNOWN;
	}

}
