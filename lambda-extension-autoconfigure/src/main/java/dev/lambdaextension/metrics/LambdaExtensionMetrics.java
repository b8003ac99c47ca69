package dev.lambdaextension.metrics;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Records Micrometer meters about the extension itself: telemetry received by type,
 * listener failures, dispatch latency, the time spent waiting in {@code event/next},
 * the time from an {@code INVOKE} to the next {@code event/next}, and the start-up
 * phases. Meters without a variable
 * tag are registered up front; the others are cached, so that the callbacks only
 * increment. The pipeline's own counts are bound by {@link TelemetryPipelineMetrics}.
 *
 * @since 0.1.0
 */
public class LambdaExtensionMetrics implements ExtensionObserver, TelemetryObserver {

	static final String PREFIX = "lambda.extension.";

	private static final String UNKNOWN_TYPE = "unknown";

	private final MeterRegistry registry;

	private final Clock clock;

	private final Instant processStart;

	private final Timer dispatchLatency;

	private final Timer invokeWait;

	private final Timer shutdownWait;

	private final Timer invokeOverhead;

	private final Map<String, Counter> eventsByType = new ConcurrentHashMap<>();

	private final Map<String, FunctionCounter> failingListeners = new ConcurrentHashMap<>();

	private volatile @Nullable ToLongFunction<String> listenerFailures;

	private final Map<String, AtomicLong> startupPhases = new ConcurrentHashMap<>();

	/**
	 * Create the meters in the given registry, measuring start-up from the start of this
	 * process.
	 * @param registry the registry
	 */
	public LambdaExtensionMetrics(MeterRegistry registry) {
		this(registry, Clock.systemUTC(), processStart());
	}

	/**
	 * Create the meters in the given registry.
	 * @param registry the registry
	 * @param clock the clock that times the start-up phases
	 * @param processStart the start of the process, origin of the start-up phases
	 */
	public LambdaExtensionMetrics(MeterRegistry registry, Clock clock, Instant processStart) {
		Assert.notNull(registry, "'registry' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		Assert.notNull(processStart, "'processStart' must not be null");
		this.registry = registry;
		this.clock = clock;
		this.processStart = processStart;
		this.dispatchLatency = Timer.builder(PREFIX + "telemetry.dispatch.latency")
			.description("Time from accepting a telemetry batch to the listeners' return")
			.register(registry);
		this.invokeWait = nextWait("invoke");
		this.shutdownWait = nextWait("shutdown");
		this.invokeOverhead = Timer.builder(PREFIX + "invoke.overhead")
			.description("Time from receiving an INVOKE to the next event/next call")
			.register(registry);
	}

	private Timer nextWait(String event) {
		return Timer.builder(PREFIX + "next.wait")
			.description("Time spent waiting in event/next, retries included")
			.tag("event", event)
			.register(this.registry);
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
		((event instanceof InvokeEvent) ? this.invokeWait : this.shutdownWait).record(waited);
	}

	@Override
	public void invokeHandled(InvokeEvent invoke, Duration took) {
		this.invokeOverhead.record(took);
	}

	@Override
	public void batchReceived(List<TelemetryEvent> events) {
		String type = null;
		int count = 0;
		for (TelemetryEvent event : events) {
			if (!event.type().equals(type)) {
				if (type != null) {
					eventsCounter(type).increment(count);
				}
				type = event.type();
				count = 0;
			}
			count++;
		}
		if (type != null) {
			eventsCounter(type).increment(count);
		}
	}

	@Override
	public void batchDispatched(int count, Duration latency) {
		this.dispatchLatency.record(latency);
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
		if (failures != null) {
			this.failingListeners.computeIfAbsent(listenerId,
					(id) -> FunctionCounter.builder(PREFIX + "telemetry.listener.failures", id, failures::applyAsLong)
						.description("Invocations of a telemetry listener that threw an exception")
						.tag("listener", id)
						.register(this.registry));
		}
	}

	private Counter eventsCounter(String type) {
		String tag = TelemetryTypes.isKnown(type) ? type : UNKNOWN_TYPE;
		return this.eventsByType.computeIfAbsent(tag,
				(key) -> Counter.builder(PREFIX + "telemetry.events")
					.description("Telemetry events received, by type")
					.tag("type", key)
					.register(this.registry));
	}

	private void startupPhase(String phase) {
		long millis = Math.max(0, Duration.between(this.processStart, this.clock.instant()).toMillis());
		this.startupPhases.computeIfAbsent(phase, (key) -> {
			AtomicLong value = new AtomicLong(millis);
			TimeGauge.builder(PREFIX + "startup", value, TimeUnit.MILLISECONDS, AtomicLong::get)
				.description("Time from the start of the process to the end of a start-up phase")
				.tag("phase", key)
				.register(this.registry);
			return value;
		});
	}

	private static Instant processStart() {
		return ProcessHandle.current()
			.info()
			.startInstant()
			.orElseGet(() -> Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
	}

}
