package dev.lambdaextension.listener;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import dev.lambdaextension.telemetry.TelemetryEvent;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * A {@link TelemetryListenerEndpoint} that hands events to a callback: for listeners
 * registered in code through a {@link TelemetryListenerConfigurer} rather than declared
 * with {@link dev.lambdaextension.telemetry.TelemetryListener @TelemetryListener}.
 *
 * @since 0.1.0
 */
public final class SimpleTelemetryListenerEndpoint implements TelemetryListenerEndpoint {

	private final String id;

	private final Set<String> types;

	private final boolean batch;

	private final Consumer<List<TelemetryEvent>> listener;

	private SimpleTelemetryListenerEndpoint(String id, Collection<String> types, boolean batch,
			Consumer<List<TelemetryEvent>> listener) {
		Assert.hasText(id, "'id' must not be empty");
		Assert.notNull(types, "'types' must not be null");
		Assert.notNull(listener, "'listener' must not be null");
		Set<String> trimmed = new LinkedHashSet<>();
		for (String type : types) {
			Assert.isTrue(StringUtils.hasText(type), () -> "Telemetry listener '" + id + "' declares an empty event type");
			trimmed.add(type.trim());
		}
		this.id = id;
		this.types = Collections.unmodifiableSet(trimmed);
		this.batch = batch;
		this.listener = listener;
	}

	/**
	 * Create an endpoint that receives matching events one at a time.
	 * @param id the listener id
	 * @param types the event types to receive (checked when the endpoint is registered),
	 * empty for every type
	 * @param listener receives each event
	 * @return the endpoint
	 */
	public static SimpleTelemetryListenerEndpoint forEachEvent(String id, Collection<String> types,
			Consumer<TelemetryEvent> listener) {
		Assert.notNull(listener, "'listener' must not be null");
		return new SimpleTelemetryListenerEndpoint(id, types, false, (events) -> listener.accept(events.get(0)));
	}

	/**
	 * Create an endpoint that receives the matching events of each batch in one call.
	 * @param id the listener id
	 * @param types the event types to receive (checked when the endpoint is registered),
	 * empty for every type
	 * @param listener receives the matching events of a batch, never an empty list
	 * @return the endpoint
	 */
	public static SimpleTelemetryListenerEndpoint forBatches(String id, Collection<String> types,
			Consumer<List<TelemetryEvent>> listener) {
		return new SimpleTelemetryListenerEndpoint(id, types, true, listener);
	}

	@Override
	public String getId() {
		return this.id;
	}

	@Override
	public String getDescription() {
		return "telemetry listener '" + this.id + "'";
	}

	@Override
	public Set<String> getTypes() {
		return this.types;
	}

	@Override
	public boolean isBatch() {
		return this.batch;
	}

	@Override
	public boolean accepts(TelemetryEvent event) {
		return TelemetryListenerTypes.matches(this.types, event.type());
	}

	@Override
	public void onEvents(List<TelemetryEvent> events) {
		this.listener.accept(events);
	}

	@Override
	public String toString() {
		return "SimpleTelemetryListenerEndpoint '" + this.id + "' " + (this.types.isEmpty() ? "(every type)" : this.types);
	}

}
