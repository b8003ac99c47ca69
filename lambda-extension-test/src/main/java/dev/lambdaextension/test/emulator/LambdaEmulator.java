package dev.lambdaextension.test.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Local emulator of the AWS Lambda Extensions API and Telemetry API, served by the JDK HTTP server on
 * {@code 127.0.0.1}.
 * <p>
 * Extensions talk to it over HTTP exactly as they talk to Lambda; a test drives the lifecycle with
 * {@link #awaitRegistered}, {@link #awaitInitComplete}, {@link #invoke} and {@link #shutdown}. The emulated
 * function runtime is simulated: an invocation reports the status, duration and log lines of its
 * {@link InvokeRequest} without running any code. Invocations are sequential: {@link #invoke} first waits (up to
 * the function timeout) for the INVOKE subscribers of the previous invocation to call {@code next} again, and
 * throws {@link LambdaEmulatorTimeoutException} if they do not.
 * <p>
 * This class is the scenario API. The work is done by package-private parts, each given the settings and the
 * shared state explicitly: the control plane ({@code ControlPlaneServer}, {@code ControlPlane}), the
 * {@code PhaseRunner} and the {@code TelemetrySender} with the Telemetry API it feeds.
 *
 * @since 0.1.0
 */
public final class LambdaEmulator implements AutoCloseable {

	/**
	 * Path of the register call.
	 */
	public static final String REGISTER_PATH = "/2020-01-01/extension/register";

	/**
	 * Path of the next-event long poll.
	 */
	public static final String NEXT_PATH = "/2020-01-01/extension/event/next";

	/**
	 * Path of the init error report.
	 */
	public static final String INIT_ERROR_PATH = "/2020-01-01/extension/init/error";

	/**
	 * Path of the exit error report.
	 */
	public static final String EXIT_ERROR_PATH = "/2020-01-01/extension/exit/error";

	/**
	 * Path of the Telemetry API subscription.
	 */
	public static final String TELEMETRY_PATH = "/2022-07-01/telemetry";

	/**
	 * Path of the legacy Logs API subscription.
	 */
	public static final String LOGS_PATH = "/2020-08-15/logs";

	/**
	 * Maximum number of extensions per function.
	 */
	public static final int MAX_EXTENSIONS = 10;

	/**
	 * {@code initializationType} of a Lambda Managed Instances environment.
	 */
	public static final String MANAGED_INSTANCES = "lambda-managed-instances";

	/**
	 * {@code initializationType} of an on-demand environment.
	 */
	public static final String ON_DEMAND = "on-demand";

	/**
	 * The only schema version a Lambda Managed Instances environment accepts.
	 */
	public static final String MANAGED_INSTANCES_SCHEMA_VERSION = "2025-01-29";

	private final EmulatorSettings settings;

	private final EmulatorState state = new EmulatorState();

	private final EmulatedTelemetryApi telemetry;

	private final TelemetrySender sender;

	private final EnvironmentFreeze freeze;

	private final PhaseRunner phases;

	private final ControlPlaneServer server;

	LambdaEmulator(EmulatorSettings settings) {
		this.settings = settings;
		this.telemetry = new EmulatedTelemetryApi(settings.telemetrySupported(), settings.schemaVersions());
		this.sender = new TelemetrySender(settings, this.telemetry::emit);
		this.freeze = new EnvironmentFreeze(this.telemetry);
		this.phases = new PhaseRunner(settings, this.state, this.sender, this.telemetry, this.freeze);
		ControlPlane controlPlane = new ControlPlane(settings, this.state, this.phases, this.telemetry);
		try {
			this.server = new ControlPlaneServer(settings.port(), this.state, controlPlane, this.freeze);
		}
		catch (RuntimeException ex) {
			this.telemetry.close();
			throw ex;
		}
		this.sender.initStart();
	}

	/**
	 * Start an emulator with default settings on a random port.
	 * @return the running emulator
	 */
	public static LambdaEmulator start() {
		return builder().build();
	}

	/**
	 * Return a new builder.
	 * @return the builder
	 */
	public static LambdaEmulatorBuilder builder() {
		return new LambdaEmulatorBuilder();
	}

	/**
	 * Return the value for {@code AWS_LAMBDA_RUNTIME_API}.
	 * @return {@code 127.0.0.1:<port>}
	 */
	public String runtimeApi() {
		return "127.0.0.1:" + port();
	}

	/**
	 * Return the port the emulator listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * Return the emulated function name.
	 * @return the function name
	 */
	public String functionName() {
		return this.settings.functionName();
	}

	/**
	 * Return the emulated function version.
	 * @return the function version
	 */
	public String functionVersion() {
		return this.settings.functionVersion();
	}

	/**
	 * Return the emulated region.
	 * @return the region
	 */
	public String region() {
		return this.settings.region();
	}

	/**
	 * Return the emulated memory size.
	 * @return the memory size in MB
	 */
	public int memorySizeMb() {
		return this.settings.memorySizeMb();
	}

	/**
	 * Return the init timeout used by {@link #awaitInitComplete()}.
	 * @return the init timeout
	 */
	public Duration initTimeout() {
		return this.settings.initTimeout();
	}

	/**
	 * Return whether this emulator runs as a Lambda Managed Instances environment.
	 * @return whether in Lambda Managed Instances mode
	 * @since 0.1.0
	 */
	public boolean managedInstances() {
		return this.settings.managedInstances();
	}

	/**
	 * Return the {@code initializationType} sent in init telemetry and exported to extension processes as
	 * {@code AWS_LAMBDA_INITIALIZATION_TYPE}.
	 * @return {@link #ON_DEMAND} or {@link #MANAGED_INSTANCES}
	 * @since 0.1.0
	 */
	public String initializationType() {
		return this.settings.initializationType();
	}

	/**
	 * Return whether the environment is frozen: the last phase is over and telemetry produced since is held
	 * until the next event has been handed out. Never true in Lambda Managed Instances mode.
	 * @return whether frozen
	 * @since 0.1.0
	 */
	public boolean isFrozen() {
		return this.freeze.isFrozen();
	}

	/**
	 * Return the ARN of the emulated function.
	 * @return the ARN
	 */
	public String functionArn() {
		return this.settings.functionArn();
	}

	/**
	 * Return every call answered so far, in the order the answers were decided. A call is recorded before
	 * its answer is sent, so a client that has received an answer always finds its call here.
	 * @return an immutable list of calls
	 */
	public List<RecordedCall> calls() {
		synchronized (this.state.monitor) {
			return List.copyOf(this.state.calls);
		}
	}

	/**
	 * Return the calls received on one path.
	 * @param path the request path, e.g. {@link #REGISTER_PATH}
	 * @return an immutable list of calls
	 */
	public List<RecordedCall> calls(String path) {
		synchronized (this.state.monitor) {
			return this.state.calls.stream().filter((call) -> call.path().equals(path)).toList();
		}
	}

	/**
	 * Return every event written to an extension's {@code next} connection, in hand-out order.
	 * @return an immutable list of events
	 * @since 0.1.0
	 */
	public List<HandedOutEvent> handedOutEvents() {
		synchronized (this.state.monitor) {
			return List.copyOf(this.state.handedOut);
		}
	}

	/**
	 * Wait until an event of a type has been handed out to an extension.
	 * @param extensionName the extension
	 * @param eventType the event type, e.g. {@code SHUTDOWN}
	 * @param timeout how long to wait
	 * @return the first such event
	 * @since 0.1.0
	 */
	public HandedOutEvent awaitHandedOut(String extensionName, String eventType, Duration timeout) {
		this.state.awaitCondition(timeout, () -> this.state.findHandedOut(extensionName, eventType) != null,
				() -> eventType + " to be handed out to '" + extensionName + "'; " + this.state.describeExtensions());
		synchronized (this.state.monitor) {
			return Objects.requireNonNull(this.state.findHandedOut(extensionName, eventType));
		}
	}

	/**
	 * Return a snapshot of every registered extension, in registration order.
	 * @return the extensions
	 */
	public List<EmulatedExtension> extensions() {
		synchronized (this.state.monitor) {
			return this.state.extensions.values().stream().map(ExtensionRecord::snapshot).toList();
		}
	}

	/**
	 * Return a snapshot of one extension.
	 * @param name the extension name
	 * @return the extension, or {@code null} if no extension of that name registered
	 */
	public @Nullable EmulatedExtension extension(String name) {
		synchronized (this.state.monitor) {
			ExtensionRecord record = this.state.findByName(name);
			return (record != null) ? record.snapshot() : null;
		}
	}

	/**
	 * Return the accepted Telemetry API subscriptions.
	 * @return the subscriptions
	 */
	public List<EmulatedTelemetrySubscription> telemetrySubscriptions() {
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
	 * Make the next calls to a path fail with a given status and a generic error body.
	 * @param path the request path
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
	 * Cut the body of the next event handed out by {@code event/next} in the middle of its JSON, with a
	 * {@code Content-Length} that matches the cut body. The event still counts as delivered: an INVOKE makes
	 * its receiver a participant that must call {@code next} again to finish the phase.
	 * @param times how many of the next handed-out events are cut
	 * @since 0.1.0
	 */
	public void truncateNextEvents(int times) {
		synchronized (this.state.monitor) {
			this.state.faults.truncateNextEvents(times);
		}
	}

	/**
	 * Hand an event of an unknown {@code eventType} to every live extension (at its parked or next
	 * {@code next}); each must answer with {@code next} again, which {@link #awaitCalls} can observe.
	 * @param eventType the unknown type, e.g. {@code RESTORE}
	 * @return the names of the extensions that receive it
	 * @throws IllegalStateException if an extension still has an event waiting
	 * @since 0.1.0
	 */
	public List<String> deliverUnknownEvent(String eventType) {
		return this.phases.deliverUnknownEvent(eventType);
	}

	/**
	 * Open a stalled telemetry connection to a subscriber's destination: request headers announcing a JSON body,
	 * then only part of that body, and the connection held open until the returned handle is closed. Lets a
	 * test prove that a stalled sender does not block the real deliveries.
	 * @param extensionName the subscriber
	 * @return the open connection; close it to release the listener
	 * @throws IllegalArgumentException if the extension has no Telemetry API subscription
	 * @throws java.io.UncheckedIOException if the destination cannot be reached
	 * @since 0.1.0
	 */
	public AutoCloseable openStalledTelemetryConnection(String extensionName) {
		EmulatedTelemetrySubscription subscription = this.telemetry.subscription(extensionName);
		if (subscription == null) {
			throw new IllegalArgumentException("No telemetry subscriber named '" + extensionName + "'");
		}
		return new StalledTelemetryConnection(subscription.deliveryUri());
	}

	/**
	 * Make the next register calls fail with 403 and the given error.
	 * @param errorType the error type
	 * @param errorMessage the error message
	 * @param times how many register calls fail
	 */
	public void refuseRegistration(String errorType, String errorMessage, int times) {
		failNext(REGISTER_PATH, 403, Json.write(Json.object("errorMessage", errorMessage, "errorType", errorType)),
				times);
	}

	/**
	 * Wait until at least {@code count} extensions have registered.
	 * @param count the number of extensions
	 * @param timeout how long to wait
	 * @return a snapshot of the registered extensions
	 */
	public List<EmulatedExtension> awaitRegistered(int count, Duration timeout) {
		this.state.awaitCondition(timeout, () -> this.state.extensions.size() >= count,
				() -> count + " registered extension(s); " + this.state.describeExtensions());
		return extensions();
	}

	/**
	 * Wait for the end of Init using the configured init timeout.
	 * @see #awaitInitComplete(Duration)
	 */
	public void awaitInitComplete() {
		awaitInitComplete(this.settings.initTimeout());
	}

	/**
	 * Wait until every registered extension has called {@code next} once, then complete Init: registration
	 * and Telemetry/Logs subscription close and the init telemetry is emitted.
	 * @param timeout how long to wait
	 * @throws IllegalStateException if an extension reported an init error, exited with an error or crashed
	 */
	public void awaitInitComplete(Duration timeout) {
		this.phases.awaitInitComplete(timeout);
	}

	/**
	 * Return whether Init has completed.
	 * @return whether Init is over
	 */
	public boolean isInitComplete() {
		synchronized (this.state.monitor) {
			return this.state.initComplete;
		}
	}

	/**
	 * Invoke the emulated function successfully.
	 * @return the invocation
	 * @see #invoke(InvokeRequest)
	 */
	public Invocation invoke() {
		return invoke(InvokeRequest.success());
	}

	/**
	 * Start an invocation: completes Init if needed, waits for the previous invocation, emits
	 * {@code platform.start} and delivers INVOKE to every INVOKE subscriber. Telemetry held since the last
	 * phase ended is released once INVOKE has been handed out. The function logs and {@code platform.runtimeDone}
	 * follow at once; {@code platform.report} is produced once every subscriber has called {@code next} again,
	 * and the environment then freezes, so the report reaches listeners only after the next event. When the
	 * invocation ends in a reset (timeout, {@code Runtime.ExitError}, {@code Sandbox.*}) the runtime never calls
	 * {@code next}: {@code platform.runtimeDone} is produced with the report. In Lambda Managed Instances mode
	 * this starts and completes a concurrent invocation, see {@link #startInvocation(InvokeRequest)}.
	 * @param request what the simulated function does
	 * @return a handle on the invocation
	 */
	public Invocation invoke(InvokeRequest request) {
		return this.phases.invoke(Objects.requireNonNull(request, "'request' must not be null"));
	}

	/**
	 * Start a concurrent invocation of a Lambda Managed Instances environment: emits {@code platform.start}
	 * only. Extensions get no INVOKE event, nothing waits for earlier invocations and the environment does not
	 * freeze; {@link Invocation#complete()} emits the function logs and the {@code platform.report} (no
	 * {@code platform.runtimeDone} on Lambda Managed Instances). Start several and complete them in any order
	 * to make their events interleave.
	 * @param request what the simulated function does
	 * @return a handle on the running invocation
	 * @throws IllegalStateException if the emulator is not in Lambda Managed Instances mode or is shutting down
	 * @since 0.1.0
	 */
	public Invocation startInvocation(InvokeRequest request) {
		return this.phases.startInvocation(Objects.requireNonNull(request, "'request' must not be null"));
	}

	/**
	 * Shut down with the default budget of 2,000 ms.
	 * @param reason {@code spindown}, {@code timeout} or {@code failure}
	 * @return the deadline sent in the SHUTDOWN event
	 */
	public Instant shutdown(String reason) {
		return shutdown(reason, Duration.ofMillis(2000));
	}

	/**
	 * Answer the parked (or next) {@code next} of every external SHUTDOWN subscriber with a SHUTDOWN event
	 * carrying the lower-case reason and {@code deadlineMs = now + budget}. Telemetry held by the freeze (the
	 * last invocation's {@code platform.report}, and after a timed-out or failed invocation its
	 * {@code platform.runtimeDone}) is released only once SHUTDOWN has been handed out, and reaches listeners by
	 * the normal batching of each subscription, within the shutdown phase.
	 * @param reason {@code spindown}, {@code timeout} or {@code failure} (any case); only {@code spindown} and
	 * {@code failure} in Lambda Managed Instances mode
	 * @param budget the shutdown budget
	 * @return the deadline sent in the SHUTDOWN event
	 */
	public Instant shutdown(String reason, Duration budget) {
		return this.phases.shutdown(reason, budget);
	}

	/**
	 * Return the shutdown reason, once {@link #shutdown} was called.
	 * @return the lower-case reason, or {@code null}
	 */
	public @Nullable String shutdownReason() {
		synchronized (this.state.monitor) {
			return this.state.shutdownReason;
		}
	}

	/**
	 * Wait until an extension reaches a state.
	 * @param name the extension name
	 * @param state the expected state
	 * @param timeout how long to wait
	 * @return a snapshot of the extension
	 */
	public EmulatedExtension awaitExtensionState(String name, EmulatedExtensionState state, Duration timeout) {
		this.state.awaitCondition(timeout, () -> {
			ExtensionRecord record = this.state.findByName(name);
			return record != null && record.state == state;
		}, () -> "extension '" + name + "' to reach " + state + "; " + this.state.describeExtensions());
		return Objects.requireNonNull(extension(name));
	}

	/**
	 * Wait until at least {@code count} calls to a path have been answered.
	 * @param path the request path
	 * @param count the number of calls
	 * @param timeout how long to wait
	 * @return the calls to that path
	 */
	public List<RecordedCall> awaitCalls(String path, int count, Duration timeout) {
		this.state.awaitCondition(timeout,
				() -> this.state.calls.stream().filter((call) -> call.path().equals(path)).count() >= count,
				() -> count + " call(s) to " + path);
		return calls(path);
	}

	/**
	 * Add raw telemetry events (JSON objects with {@code time}, {@code type}, {@code record}) to every
	 * subscriber whose types include the event's stream.
	 * @param eventJson a JSON object, or a JSON array of objects
	 */
	@SuppressWarnings("unchecked")
	public void emitTelemetry(String eventJson) {
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
	public void emitTelemetry(List<String> eventJsons) {
		eventJsons.forEach(this::emitTelemetry);
	}

	/**
	 * Record a line written by an extension process and forward it as {@code extension} telemetry.
	 * @param extensionName the extension name
	 * @param line the line
	 */
	public void emitExtensionLog(String extensionName, String line) {
		this.sender.extensionLog(line);
	}

	/**
	 * Post a raw body directly to a subscriber's destination.
	 * @param extensionName the subscriber
	 * @param rawBody the body, possibly malformed
	 * @return the HTTP status the listener answered
	 */
	public int postToSubscriber(String extensionName, String rawBody) {
		return this.telemetry.postToSubscriber(extensionName, rawBody);
	}

	/**
	 * Deliver everything buffered for every subscriber that a freeze does not hold and wait up to 5 seconds.
	 * @return whether every buffer was delivered (or dropped after retries)
	 */
	public boolean flushTelemetry() {
		return flushTelemetry(Duration.ofSeconds(5));
	}

	/**
	 * Deliver everything buffered for every subscriber, except what a freeze holds: telemetry produced after
	 * the last phase ended stays held until the next event is handed out ({@link #invoke} or
	 * {@link #shutdown}), as in Lambda.
	 * @param timeout how long to wait
	 * @return whether every deliverable buffer was delivered (or dropped after retries)
	 */
	public boolean flushTelemetry(Duration timeout) {
		return this.telemetry.flush(timeout);
	}

	/**
	 * Record the exit of an extension's process. Used by launchers.
	 * @param name the extension name
	 * @param exitCode the exit code
	 * @param killed whether the launcher killed the process
	 */
	public void recordProcessExit(String name, int exitCode, boolean killed) {
		this.phases.recordProcessExit(name, exitCode, killed);
	}

	/**
	 * Wait, under the emulator's monitor, until a condition holds. The condition is re-evaluated whenever the
	 * emulator's state changes (a call is answered, an extension changes state, a process exit is recorded).
	 * @param description what is awaited, used in the timeout message
	 * @param timeout how long to wait
	 * @param condition the condition
	 * @throws LambdaEmulatorTimeoutException if the condition does not hold in time
	 */
	public void await(String description, Duration timeout, BooleanSupplier condition) {
		this.state.awaitCondition(timeout, condition, () -> description + "; " + this.state.describeExtensions());
	}

	/**
	 * Stop the HTTP server, release every parked {@code next} and stop telemetry delivery.
	 */
	@Override
	public void close() {
		synchronized (this.state.monitor) {
			if (this.state.closed) {
				return;
			}
			this.state.closed = true;
			this.state.monitor.notifyAll();
		}
		this.server.close();
		this.telemetry.close();
	}

}
