package dev.lambdaextension.test.emulator;

import java.util.List;
import java.util.Objects;

/**
 * The fault-injection part of a {@link LambdaEmulator}'s scenario API: answers Lambda gives when something goes
 * wrong, and misbehaving peers, so a test can prove an extension survives them.
 *
 * @since 0.1.0
 * @see LambdaEmulator#faults()
 */
public final class EmulatorFaults {

	private final EmulatorState state;

	private final PhaseRunner phases;

	private final EmulatedTelemetryApi telemetry;

	EmulatorFaults(EmulatorState state, PhaseRunner phases, EmulatedTelemetryApi telemetry) {
		this.state = state;
		this.phases = phases;
		this.telemetry = telemetry;
	}

	/**
	 * Make the next calls to a path fail with a given status and a generic error body.
	 * @param path the request path, e.g. {@link LambdaEmulator#NEXT_PATH}
	 * @param status the status to answer
	 * @param times how many calls fail
	 */
	public void failNext(String path, int status, int times) {
		failNext(path, status, Json.write(Json.object("errorMessage", "Injected fault", "errorType",
				(status >= 500) ? "InternalServerError" : "Injected.Fault")), times);
	}

	/**
	 * Make the next calls to a path answer a given status and JSON body.
	 * @param path the request path
	 * @param status the status to answer
	 * @param body the JSON body to answer
	 * @param times how many calls fail
	 */
	public void failNext(String path, int status, String body, int times) {
		Objects.requireNonNull(path, "'path' must not be null");
		Objects.requireNonNull(body, "'body' must not be null");
		synchronized (this.state.monitor) {
			this.state.faults.failNext(path, EmulatorResponse.json(status, body), times);
		}
	}

	/**
	 * Make the next calls to a path end with their connection closed and no answer, as a network failure or a
	 * SnapStart restore does; recorded with status 0. An HTTP client may send such a request again by itself
	 * (the JDK's clients do, once, for a GET), which counts as another call.
	 * @param path the request path, e.g. {@link LambdaEmulator#NEXT_PATH}
	 * @param times how many calls are dropped
	 * @since 0.1.0
	 */
	public void dropConnections(String path, int times) {
		Objects.requireNonNull(path, "'path' must not be null");
		synchronized (this.state.monitor) {
			this.state.faults.dropConnections(path, times);
		}
	}

	/**
	 * Make the next register calls fail with 403 and the given error.
	 * @param errorType the error type
	 * @param errorMessage the error message
	 * @param times how many register calls fail
	 */
	public void refuseRegistration(String errorType, String errorMessage, int times) {
		failNext(LambdaEmulator.REGISTER_PATH, 403,
				Json.write(Json.object("errorMessage", errorMessage, "errorType", errorType)), times);
	}

	/**
	 * Cut the body of the next event handed out by {@code event/next} in the middle of its JSON, with a
	 * {@code Content-Length} that matches the cut body. The event still counts as delivered: an INVOKE makes
	 * its receiver a participant that must call {@code next} again to finish the phase.
	 * @param times how many of the next handed-out events are cut
	 */
	public void truncateNextEvents(int times) {
		synchronized (this.state.monitor) {
			this.state.faults.truncateNextEvents(times);
		}
	}

	/**
	 * Hand an event of an unknown {@code eventType} to every live extension (at its parked or next
	 * {@code next}); each must answer with {@code next} again, which {@link EmulatorHistory#awaitCalls} can
	 * observe.
	 * @param eventType the unknown type, e.g. {@code RESTORE}
	 * @return the names of the extensions that receive it
	 * @throws IllegalStateException if an extension still has an event waiting
	 */
	public List<String> deliverUnknownEvent(String eventType) {
		return this.phases.deliverUnknownEvent(eventType);
	}

	/**
	 * Open a stalled telemetry connection to a subscriber's destination: request headers announcing a JSON body,
	 * then only part of that body, and the connection held open until the returned handle is closed. Lets a
	 * test prove that a stalled sender does not block the real deliveries.
	 * @param extensionName the subscriber
	 * @return the open connection; close it to release the receiver
	 * @throws IllegalArgumentException if the extension has no Telemetry API subscription
	 * @throws java.io.UncheckedIOException if the destination cannot be reached
	 */
	public AutoCloseable openStalledTelemetryConnection(String extensionName) {
		EmulatedTelemetrySubscription subscription = this.telemetry.subscription(extensionName);
		if (subscription == null) {
			throw new IllegalArgumentException("No telemetry subscriber named '" + extensionName + "'");
		}
		return new StalledTelemetryConnection(subscription.deliveryUri());
	}

}
