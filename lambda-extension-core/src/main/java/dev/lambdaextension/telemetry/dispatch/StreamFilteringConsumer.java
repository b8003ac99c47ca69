package dev.lambdaextension.telemetry.dispatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryTypes;
import org.jspecify.annotations.Nullable;

/**
 * Passes on only the events of the streams the listeners asked for. The extension may
 * subscribe to more, for example to the {@code platform} stream for the freeze barrier
 * when no listener wants platform events; those extra events still settle in the
 * dispatcher (and so reach its {@link SettledEventsListener}) without reaching the
 * listeners.
 *
 * @since 0.1.0
 */
public final class StreamFilteringConsumer implements TelemetryBatchConsumer {

	private final TelemetryBatchConsumer delegate;

	private volatile @Nullable Set<String> streams;

	/**
	 * Create a consumer that passes on everything until {@link #passOnly} is called.
	 * @param delegate the consumer of the events that pass
	 */
	public StreamFilteringConsumer(TelemetryBatchConsumer delegate) {
		this.delegate = Objects.requireNonNull(delegate, "'delegate' must not be null");
	}

	/**
	 * Pass on only the events of the given streams.
	 * @param streams the streams, for example {@code function}
	 */
	public void passOnly(Collection<String> streams) {
		this.streams = Set.copyOf(streams);
	}

	@Override
	public void consume(List<TelemetryEvent> batch) {
		Set<String> passing = this.streams;
		if (passing == null) {
			this.delegate.consume(batch);
			return;
		}
		List<TelemetryEvent> kept = new ArrayList<>(batch.size());
		for (TelemetryEvent event : batch) {
			if (passing.contains(TelemetryTypes.streamOf(event.type()))) {
				kept.add(event);
			}
		}
		if (!kept.isEmpty()) {
			this.delegate.consume(kept);
		}
	}

}
