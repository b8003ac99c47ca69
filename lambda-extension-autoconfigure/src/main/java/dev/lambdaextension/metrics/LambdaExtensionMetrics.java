package dev.lambdaextension.metrics;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

import dev.lambdaextension.client.InvokeEvent;
import dev.lambdaextension.client.NextEvent;
import dev.lambdaextension.client.RegisterResponse;
import dev.lambdaextension.client.TelemetrySubscription;
import dev.lambdaextension.lifecycle.ExtensionObserver;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryObserver;
import dev.lambdaextension.telemetry.TelemetryTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Records Micrometer meters about the extension itself: telemetry received by type,
 * listener failures, dispatch latency, the time spent waiting in {@code event/next},
 * the time from an {@code INVOKE} to the next {@code event/next}, and the start-up
 * phases. A {@link MeterBinder}: it observes the extension from its first moments and
 * keeps what it recorded until a registry is bound, which may happen only after the first
 * {@code event/next} (deferred initialisation). Meters without a variable tag are
 * registered at binding. The pipeline's own counts are bound by
 * {@link TelemetryPipelineMetrics}.
 *
 * @since 0.1.0
 */
public class LambdaExtensionMetrics implements ExtensionObserver, TelemetryObserver, MeterBinder {

	static final String PREFIX = "lambda.extension.";

	private static final String UNKNOWN_TYPE = "unknown";

	private final MeterRecorder recorder = new MeterRecorder();

	private final Clock clock;

	private final Instant processStart;

	private volatile @Nullable ToLongFunction<String> listenerFailures;

	private final Set<String> failingListeners = ConcurrentHashMap.newKeySet();

	private final Map<String, AtomicLong> startupPhases = new ConcurrentHashMap<>();

	/**
	 * Create the meters, measuring start-up from the start of this process.
	 */
	public LambdaExtensionMetrics() {
		this(Clock.systemUTC(), processStart());
	}

	/**
	 * Create the meters.
	 * @param clock the clock that times the start-up phases
	 * @param processStart the start of the process, origin of the start-up phases
	 */
	public LambdaExtensionMetrics(Clock clock, Instant processStart) {
		Assert.notNull(clock, "'clock' must not be null");
		Assert.notNull(processStart, "'processStart' must not be null");
		this.clock = clock;
		this.processStart = processStart;
		this.recorder.record((registry) -> {
			dispatchLatency(registry);
			nextWait(registry, "invoke");
			nextWait(registry, "shutdown");
			invokeOverhead(registry);
		});
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.recorder.bindTo(registry);
	}

	private static Timer dispatchLatency(MeterRegistry registry) {
		return Timer.builder(PREFIX + "telemetry.dispatch.latency")
			.description("Time from accepting a telemetry batch to the listeners' return")
			.register(registry);
	}

	private static Timer nextWait(MeterRegistry registry, String event) {
		return Timer.builder(PREFIX + "next.wait")
			.description("Time spent waiting in event/next, retries included")
			.tag("event", event)
			.register(registry);
	}

	private static Timer invokeOverhead(MeterRegistry registry) {
		return Timer.builder(PREFIX + "invoke.overhead")
			.description("Time from receiving an INVOKE to the next event/next call")
			.register(registry);
	}

	@Override
	public void registered(RegisterResponse registration) {
		startupPhase("registered");
	}

	@Override
	public void subscribed(TelemetrySubscription subscription) {
		startupPhase("subscribed");
	}

	@Override
	public void firstNext() {
		startupPhase("first-next");
	}

	@Override
	public void eventReceived(NextEvent event, Duration waited) {
		String type = (event instanceof InvokeEvent) ? "invoke" : "shutdown";
		this.recorder.record((registry) -> nextWait(registry, type).record(waited));
	}

	@Override
	public void invokeHandled(InvokeEvent invoke, Duration took) {
		this.recorder.record((registry) -> invokeOverhead(registry).record(took));
	}

	@Override
	public void batchReceived(List<TelemetryEvent> events) {
		String type = null;
		int count = 0;
		for (TelemetryEvent event : events) {
			if (!event.type().equals(type)) {
				if (type != null) {
					countEvents(type, count);
				}
				type = event.type();
				count = 0;
			}
			count++;
		}
		if (type != null) {
			countEvents(type, count);
		}
	}

	@Override
	public void batchDispatched(int count, Duration latency) {
		this.recorder.record((registry) -> dispatchLatency(registry).record(latency));
	}

	/**
	 * Set where the failure counts of the telemetry listeners are kept, so that the
	 * {@code telemetry.listener.failures} meter of a listener, registered at its first
	 * failure, reads the same count as health and the endpoint.
	 * @param failures the failure count of a listener, by listener id
	 */
	public void setListenerFailures(ToLongFunction<String> failures) {
		Assert.notNull(failures, "'failures' must not be null");
		this.listenerFailures = failures;
	}

	@Override
	public void listenerFailed(String listenerId, Throwable failure) {
		ToLongFunction<String> failures = this.listenerFailures;
		if (failures != null && this.failingListeners.add(listenerId)) {
			this.recorder.record((registry) -> FunctionCounter
				.builder(PREFIX + "telemetry.listener.failures", listenerId, failures::applyAsLong)
				.description("Invocations of a telemetry listener that threw an exception")
				.tag("listener", listenerId)
				.register(registry));
		}
	}

	private void countEvents(String type, int count) {
		String tag = TelemetryTypes.isKnown(type) ? type : UNKNOWN_TYPE;
		this.recorder.record((registry) -> Counter.builder(PREFIX + "telemetry.events")
			.description("Telemetry events received, by type")
			.tag("type", tag)
			.register(registry)
			.increment(count));
	}

	private void startupPhase(String phase) {
		long millis = Math.max(0, Duration.between(this.processStart, this.clock.instant()).toMillis());
		AtomicLong value = new AtomicLong(millis);
		if (this.startupPhases.putIfAbsent(phase, value) == null) {
			this.recorder.record((registry) -> TimeGauge
				.builder(PREFIX + "startup", value, TimeUnit.MILLISECONDS, AtomicLong::get)
				.description("Time from the start of the process to the end of a start-up phase")
				.tag("phase", phase)
				.register(registry));
		}
	}

	private static Instant processStart() {
		return ProcessHandle.current()
			.info()
			.startInstant()
			.orElseGet(() -> Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
	}

}
