package dev.lambdaextension.test.emulator;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The Telemetry API part of a {@link LambdaEmulator}'s scenario API: the subscriptions it accepted, what it
 * delivered, and ways for a test to add telemetry of its own.
 *
 * @since 0.1.0
 * @see LambdaEmulator#telemetry()
 */
public final class EmulatorTelemetry {

	private final EmulatedTelemetryApi telemetry;

	private final TelemetrySender sender;

	EmulatorTelemetry(EmulatedTelemetryApi telemetry, TelemetrySender sender) {
		this.telemetry = telemetry;
		this.sender = sender;
	}

	/**
	 * Return the accepted subscriptions, Telemetry API and Logs API ones
	 * ({@link EmulatedTelemetrySubscription#logsApi()}).
	 * @return the subscriptions
	 */
	public List<EmulatedTelemetrySubscription> subscriptions() {
		return this.telemetry.subscriptions();
	}

	/**
	 * Return every telemetry delivery attempt so far.
	 * @return the batches
	 */
	public List<DeliveredBatch> deliveredBatches() {
		return this.telemetry.deliveredBatches();
	}

	/**
	 * Add raw telemetry events (JSON objects with {@code time}, {@code type}, {@code record}) to every
	 * subscriber whose types include the event's stream.
	 * @param eventJson a JSON object, or a JSON array of objects
	 */
	@SuppressWarnings("unchecked")
	public void emit(String eventJson) {
		Object parsed = Json.read(eventJson);
		List<Object> events = (parsed instanceof List<?> list) ? (List<Object>) list : Arrays.asList(parsed);
		for (Object event : events) {
			if (!(event instanceof Map)) {
				throw new IllegalArgumentException("Telemetry events must be JSON objects: " + event);
			}
			this.sender.raw((Map<String, Object>) event);
		}
	}

	/**
	 * Add several raw telemetry events.
	 * @param eventJsons JSON objects
	 */
	public void emit(List<String> eventJsons) {
		eventJsons.forEach(this::emit);
	}

	/**
	 * Forward a line written by an extension process as {@code extension} telemetry.
	 * @param line the line
	 */
	public void emitExtensionLog(String line) {
		this.sender.extensionLog(line);
	}

	/**
	 * Post a raw body directly to a subscriber's destination.
	 * @param extensionName the subscriber
	 * @param rawBody the body, possibly malformed
	 * @return the HTTP status the receiver answered
	 */
	public int postToSubscriber(String extensionName, String rawBody) {
		return this.telemetry.postToSubscriber(extensionName, rawBody);
	}

	/**
	 * Deliver everything buffered that a freeze does not hold and wait up to 5 seconds.
	 * @return whether every buffer was delivered (or dropped after retries)
	 * @see #flush(Duration)
	 */
	public boolean flush() {
		return flush(Duration.ofSeconds(5));
	}

	/**
	 * Deliver everything buffered for every subscriber, except what a freeze holds: telemetry produced after
	 * the last phase ended stays held until the next event is handed out ({@link LambdaEmulator#invoke} or
	 * {@link LambdaEmulator#shutdown}), as in Lambda.
	 * @param timeout how long to wait
	 * @return whether every deliverable buffer was delivered (or dropped after retries)
	 */
	public boolean flush(Duration timeout) {
		return this.telemetry.flush(timeout);
	}

}
