package dev.lambdaextension.test.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
 *
 * @since 0.1.0
 */
public final class LambdaEmulator implements AutoCloseable {

	static {
		// The JDK HTTP server writes a response's headers and body separately; without
		// TCP_NODELAY, Nagle's algorithm and the client's delayed ACK hold every answered
		// next for about 40 ms. The property is read once, when the first server starts.
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

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

	private static final System.Logger logger = System.getLogger(LambdaEmulator.class.getName());

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

	private static final Set<String> SHUTDOWN_REASONS = Set.of("spindown", "timeout", "failure");

	private static final Set<String> MANAGED_INSTANCES_SHUTDOWN_REASONS = Set.of("spindown", "failure");

	private final Object monitor = new Object();

	private final String functionName;

	private final String functionVersion;

	private final String handler;

	private final String accountId;

	private final String region;

	private final int memorySizeMb;

	private final Duration initTimeout;

	private final Duration functionTimeout;

	private final @Nullable Set<String> externalNames;

	private final LogFormat logFormat;

	private final boolean managedInstances;

	private final EnvironmentFreeze freeze;

	private final HttpServer server;

	private final ExecutorService executor;

	private final EmulatedTelemetryApi telemetry;

	private final long startNanos = System.nanoTime();

	private final Map<String, ExtensionRecord> extensions = new LinkedHashMap<>();

	private final List<RecordedCall> calls = new ArrayList<>();

	private final List<HandedOutEvent> handedOut = new ArrayList<>();

	private final FaultInjector faults = new FaultInjector();

	private boolean registrationClosed;

	private boolean initComplete;

	private @Nullable Double initDurationMs;

	private @Nullable String initErrorType;

	private int invocationCount;

	private @Nullable Invocation currentInvocation;

	private @Nullable String shutdownReason;

	private boolean closed;

	private LambdaEmulator(Builder builder) {
		this.functionName = builder.functionName;
		this.functionVersion = builder.functionVersion;
		this.handler = builder.handler;
		this.accountId = builder.accountId;
		this.region = builder.region;
		this.memorySizeMb = builder.memorySizeMb;
		this.initTimeout = builder.initTimeout;
		this.functionTimeout = builder.functionTimeout;
		this.externalNames = (builder.externalNames != null) ? Set.copyOf(builder.externalNames) : null;
		this.logFormat = builder.logFormat;
		this.managedInstances = builder.managedInstances;
		Set<String> schemaVersions = new LinkedHashSet<>(builder.schemaVersions);
		if (this.managedInstances) {
			schemaVersions.retainAll(Set.of(MANAGED_INSTANCES_SCHEMA_VERSION));
		}
		this.telemetry = new EmulatedTelemetryApi(builder.telemetrySupported, schemaVersions);
		this.freeze = new EnvironmentFreeze(this.telemetry);
		AtomicInteger counter = new AtomicInteger();
		this.executor = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, "lambda-emulator-http-" + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), builder.port),
					64);
		}
		catch (IOException ex) {
			this.executor.shutdownNow();
			this.telemetry.close();
			throw new UncheckedIOException("Could not bind the Lambda emulator to 127.0.0.1:" + builder.port, ex);
		}
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
		this.telemetry.emit(EmulatedTelemetryEvent.platform("platform.initStart",
				Json.object("initializationType", initializationType(), "phase", "init", "runtimeVersion", "emulated:1",
						"runtimeVersionArn", "arn:aws:lambda:" + this.region + "::runtime:emulated", "functionName",
						this.functionName, "functionVersion", this.functionVersion, "instanceId",
						"emulated-" + UUID.randomUUID(), "instanceMaxMemory", this.memorySizeMb)));
		logger.log(System.Logger.Level.DEBUG, "Lambda emulator listening on {0}", runtimeApi());
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
	public static Builder builder() {
		return new Builder();
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
		return this.server.getAddress().getPort();
	}

	/**
	 * Return the emulated function name.
	 * @return the function name
	 */
	public String functionName() {
		return this.functionName;
	}

	/**
	 * Return the emulated function version.
	 * @return the function version
	 */
	public String functionVersion() {
		return this.functionVersion;
	}

	/**
	 * Return the emulated region.
	 * @return the region
	 */
	public String region() {
		return this.region;
	}

	/**
	 * Return the emulated memory size.
	 * @return the memory size in MB
	 */
	public int memorySizeMb() {
		return this.memorySizeMb;
	}

	/**
	 * Return the init timeout used by {@link #awaitInitComplete()}.
	 * @return the init timeout
	 */
	public Duration initTimeout() {
		return this.initTimeout;
	}

	/**
	 * Return whether this emulator runs as a Lambda Managed Instances environment.
	 * @return whether in Lambda Managed Instances mode
	 * @since 0.1.0
	 */
	public boolean managedInstances() {
		return this.managedInstances;
	}

	/**
	 * Return the {@code initializationType} sent in init telemetry and exported to extension processes as
	 * {@code AWS_LAMBDA_INITIALIZATION_TYPE}.
	 * @return {@link #ON_DEMAND} or {@link #MANAGED_INSTANCES}
	 * @since 0.1.0
	 */
	public String initializationType() {
		return this.managedInstances ? MANAGED_INSTANCES : ON_DEMAND;
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
		return "arn:aws:lambda:" + this.region + ":" + this.accountId + ":function:" + this.functionName;
	}

	Object monitor() {
		return this.monitor;
	}

	/**
	 * Return every call answered so far, in the order the answers were decided. A call is recorded before
	 * its answer is sent, so a client that has received an answer always finds its call here.
	 * @return an immutable list of calls
	 */
	public List<RecordedCall> calls() {
		synchronized (this.monitor) {
			return List.copyOf(this.calls);
		}
	}

	/**
	 * Return the calls received on one path.
	 * @param path the request path, e.g. {@link #REGISTER_PATH}
	 * @return an immutable list of calls
	 */
	public List<RecordedCall> calls(String path) {
		synchronized (this.monitor) {
			return this.calls.stream().filter((call) -> call.path().equals(path)).toList();
		}
	}

	/**
	 * Return every event written to an extension's {@code next} connection, in hand-out order.
	 * @return an immutable list of events
	 * @since 0.1.0
	 */
	public List<HandedOutEvent> handedOutEvents() {
		synchronized (this.monitor) {
			return List.copyOf(this.handedOut);
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
		awaitCondition(timeout, () -> findHandedOut(extensionName, eventType) != null,
				() -> eventType + " to be handed out to '" + extensionName + "'; " + describeExtensions());
		synchronized (this.monitor) {
			return Objects.requireNonNull(findHandedOut(extensionName, eventType));
		}
	}

	private @Nullable HandedOutEvent findHandedOut(String extensionName, String eventType) {
		for (HandedOutEvent event : this.handedOut) {
			if (event.extensionName().equals(extensionName) && event.eventType().equals(eventType)) {
				return event;
			}
		}
		return null;
	}

	/**
	 * Return a snapshot of every registered extension, in registration order.
	 * @return the extensions
	 */
	public List<EmulatedExtension> extensions() {
		synchronized (this.monitor) {
			return this.extensions.values().stream().map(ExtensionRecord::snapshot).toList();
		}
	}

	/**
	 * Return a snapshot of one extension.
	 * @param name the extension name
	 * @return the extension, or {@code null} if no extension of that name registered
	 */
	public @Nullable EmulatedExtension extension(String name) {
		synchronized (this.monitor) {
			ExtensionRecord record = findByName(name);
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
		synchronized (this.monitor) {
			this.faults.failNext(path, EmulatorResponse.json(status, body), times);
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
		synchronized (this.monitor) {
			this.faults.truncateNextEvents(times);
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
		Objects.requireNonNull(eventType, "'eventType' must not be null");
		if ("INVOKE".equals(eventType) || "SHUTDOWN".equals(eventType)) {
			throw new IllegalArgumentException("'eventType' must not be INVOKE or SHUTDOWN");
		}
		synchronized (this.monitor) {
			List<String> recipients = new ArrayList<>();
			String body = Json.write(Json.object("eventType", eventType, "deadlineMs",
					Instant.now().plus(this.functionTimeout).toEpochMilli()));
			for (ExtensionRecord extension : this.extensions.values()) {
				if (extension.state.isTerminal() || extension.shutdownReceived) {
					continue;
				}
				if (extension.pending != null) {
					throw new IllegalStateException("Extension '" + extension.name + "' still has an event waiting");
				}
				extension.pending = new PendingEvent(eventType, body);
				recipients.add(extension.name);
			}
			this.monitor.notifyAll();
			return List.copyOf(recipients);
		}
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
		awaitCondition(timeout, () -> this.extensions.size() >= count,
				() -> count + " registered extension(s); " + describeExtensions());
		return extensions();
	}

	/**
	 * Wait for the end of Init using the configured init timeout.
	 * @see #awaitInitComplete(Duration)
	 */
	public void awaitInitComplete() {
		awaitInitComplete(this.initTimeout);
	}

	/**
	 * Wait until every registered extension has called {@code next} once, then complete Init: registration
	 * and Telemetry/Logs subscription close and the init telemetry is emitted.
	 * @param timeout how long to wait
	 * @throws IllegalStateException if an extension reported an init error, exited with an error or crashed
	 */
	public void awaitInitComplete(Duration timeout) {
		awaitCondition(timeout, () -> this.initComplete || this.extensions.values()
			.stream()
			.allMatch((extension) -> extension.state != EmulatedExtensionState.REGISTERED),
				() -> "every extension to call next; " + describeExtensions());
		synchronized (this.monitor) {
			completeInit();
			if (this.initErrorType != null) {
				throw new IllegalStateException("Init failed with " + this.initErrorType + ": " + describeExtensions());
			}
		}
	}

	/**
	 * Return whether Init has completed.
	 * @return whether Init is over
	 */
	public boolean isInitComplete() {
		synchronized (this.monitor) {
			return this.initComplete;
		}
	}

	private void completeInit() {
		if (this.initComplete) {
			return;
		}
		this.initComplete = true;
		this.registrationClosed = true;
		this.initDurationMs = (System.nanoTime() - this.startNanos) / 1_000_000.0;
		for (ExtensionRecord extension : this.extensions.values()) {
			if (this.initErrorType == null) {
				if (extension.state == EmulatedExtensionState.INIT_ERROR) {
					this.initErrorType = "Extension.InitError";
				}
				else if (extension.state == EmulatedExtensionState.EXIT_ERROR) {
					this.initErrorType = "Extension.ExitError";
				}
				else if (extension.state == EmulatedExtensionState.CRASHED) {
					this.initErrorType = "Extension.Crash";
				}
				else if (extension.state == EmulatedExtensionState.LAUNCH_ERROR) {
					this.initErrorType = "Extension.LaunchError";
				}
			}
		}
		String status = (this.initErrorType != null) ? "error" : "success";
		this.telemetry.emit(PlatformEvents.initRuntimeDone(initializationType(), status, this.initErrorType));
		for (ExtensionRecord extension : this.extensions.values()) {
			String errorType = (extension.initErrorType != null) ? extension.initErrorType : extension.exitErrorType;
			this.telemetry.emit(PlatformEvents.extension(extension.name, extension.state, extension.events, errorType));
		}
		this.telemetry.emit(PlatformEvents.initReport(initializationType(), status, this.initErrorType,
				this.initDurationMs));
		this.telemetry.closeInit();
		if (!this.managedInstances) {
			this.freeze.freeze();
		}
		this.monitor.notifyAll();
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
		Objects.requireNonNull(request, "'request' must not be null");
		if (this.managedInstances) {
			Invocation invocation = startInvocation(request);
			invocation.complete();
			return invocation;
		}
		if (!isInitComplete()) {
			awaitInitComplete(this.initTimeout);
		}
		Invocation previous;
		synchronized (this.monitor) {
			previous = this.currentInvocation;
		}
		if (previous != null) {
			awaitCondition(this.functionTimeout.plusSeconds(1), previous::isSettled,
					() -> "the previous invocation " + previous.requestId() + " to finish; " + describeExtensions());
		}
		synchronized (this.monitor) {
			requireRunning();
			this.invocationCount++;
			String requestId = (request.requestId() != null) ? request.requestId() : UUID.randomUUID().toString();
			Duration timeout = timeout(request);
			Instant now = Instant.now();
			Instant deadline = Instant.ofEpochMilli(now.toEpochMilli() + timeout.toMillis());
			Map<String, Object> tracing = tracing(request);
			this.telemetry.emit(PlatformEvents.start(requestId, this.functionVersion, tracing));
			String eventBody = Json.write(Json.object("eventType", "INVOKE", "deadlineMs", deadline.toEpochMilli(),
					"requestId", requestId, "invokedFunctionArn", functionArn(), "tracing", tracing));
			Map<String, String> participants = new LinkedHashMap<>();
			for (ExtensionRecord extension : this.extensions.values()) {
				if (extension.events.contains("INVOKE") && !extension.state.isTerminal()) {
					participants.put(extension.id, extension.name);
				}
			}
			long deliveredNanos = System.nanoTime();
			Invocation invocation = new Invocation(this, this.invocationCount, requestId, deadline, functionArn(),
					request, deliveredNanos, participants, now, tracing, false);
			this.currentInvocation = invocation;
			for (ExtensionRecord extension : this.extensions.values()) {
				if (participants.containsKey(extension.id)) {
					extension.pending = new PendingEvent("INVOKE", eventBody);
				}
			}
			this.freeze.thawAfterHandOut(participants.keySet(), true);
			this.monitor.notifyAll();
			PlatformEvents.functionLogs(requestId, request, this.logFormat).forEach(this.telemetry::emit);
			if (!PlatformEvents.endsInReset(request)) {
				this.telemetry.emit(PlatformEvents.runtimeDone(requestId, request,
						PlatformEvents.runtimeDurationMs(request, timeout), now, tracing));
			}
			if (participants.isEmpty()) {
				emitReport(invocation);
			}
			return invocation;
		}
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
		Objects.requireNonNull(request, "'request' must not be null");
		if (!this.managedInstances) {
			throw new IllegalStateException("Concurrent invocations need Lambda Managed Instances mode");
		}
		if (!isInitComplete()) {
			awaitInitComplete(this.initTimeout);
		}
		synchronized (this.monitor) {
			requireRunning();
			this.invocationCount++;
			String requestId = (request.requestId() != null) ? request.requestId() : UUID.randomUUID().toString();
			Instant now = Instant.now();
			Instant deadline = now.plus(timeout(request));
			Map<String, Object> tracing = tracing(request);
			this.telemetry.emit(PlatformEvents.start(requestId, this.functionVersion, tracing));
			return new Invocation(this, this.invocationCount, requestId, deadline, functionArn(), request,
					System.nanoTime(), Map.of(), now, tracing, true);
		}
	}

	void completeInvocation(Invocation invocation) {
		synchronized (this.monitor) {
			if (!invocation.markReported()) {
				return;
			}
			InvokeRequest request = invocation.request();
			PlatformEvents.functionLogs(invocation.requestId(), request, this.logFormat)
				.forEach(this.telemetry::emit);
			this.telemetry.emit(PlatformEvents.managedInstancesReport(invocation.requestId(), request,
					PlatformEvents.runtimeDurationMs(request, timeout(request)), invocation.startedAt(),
					invocation.tracing()));
			this.monitor.notifyAll();
		}
	}

	private void requireRunning() {
		if (this.closed || this.shutdownReason != null) {
			throw new IllegalStateException("The emulator is shutting down");
		}
	}

	private Duration timeout(InvokeRequest request) {
		return (request.functionTimeout() != null) ? request.functionTimeout() : this.functionTimeout;
	}

	private static @Nullable Map<String, Object> tracing(InvokeRequest request) {
		return (request.traceHeader() != null) ? Json.object("type", "X-Amzn-Trace-Id", "value", request.traceHeader())
				: null;
	}

	private void emitReport(Invocation invocation) {
		if (!invocation.markReported()) {
			return;
		}
		if (this.shutdownReason == null) {
			this.freeze.freeze();
		}
		InvokeRequest request = invocation.request();
		Duration timeout = timeout(request);
		double runtimeMs = PlatformEvents.runtimeDurationMs(request, timeout);
		if (PlatformEvents.endsInReset(request)) {
			this.telemetry.emit(PlatformEvents.runtimeDone(invocation.requestId(), request, runtimeMs,
					invocation.startedAt(), invocation.tracing()));
		}
		double elapsedMs = (invocation.lastDoneNanos() - invocation.deliveredNanos()) / 1_000_000.0;
		double overheadMs = Math.max(0, elapsedMs - runtimeMs);
		double durationMs = PlatformEvents.round(runtimeMs + overheadMs);
		Map<String, Object> metrics = Json.object("durationMs", durationMs, "billedDurationMs",
				(long) Math.ceil(durationMs), "memorySizeMB", this.memorySizeMb, "maxMemoryUsedMB",
				Math.min(this.memorySizeMb, 64 + invocation.sequence()), "initDurationMs",
				(invocation.sequence() == 1) ? PlatformEvents.round(this.initDurationMs) : null);
		this.telemetry.emit(PlatformEvents.report(invocation.requestId(), request, metrics, overheadMs));
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
		String normalized = reason.toLowerCase(Locale.ROOT);
		Set<String> reasons = this.managedInstances ? MANAGED_INSTANCES_SHUTDOWN_REASONS : SHUTDOWN_REASONS;
		if (!reasons.contains(normalized)) {
			throw new IllegalArgumentException("'reason' must be one of " + reasons + " but was " + reason);
		}
		synchronized (this.monitor) {
			if (this.shutdownReason != null) {
				throw new IllegalStateException("Shutdown already started with reason " + this.shutdownReason);
			}
			Invocation unfinished = this.currentInvocation;
			if (!this.managedInstances && this.initComplete) {
				// A reset: the runtime is stopped first, which ends an unfinished invoke phase.
				this.freeze.freeze();
				if (unfinished != null) {
					emitReport(unfinished);
				}
			}
			this.shutdownReason = normalized;
			this.registrationClosed = true;
			Instant deadline = Instant.ofEpochMilli(Instant.now().toEpochMilli() + budget.toMillis());
			String body = Json.write(Json.object("eventType", "SHUTDOWN", "shutdownReason", normalized, "deadlineMs",
					deadline.toEpochMilli()));
			List<String> recipients = new ArrayList<>();
			for (ExtensionRecord extension : this.extensions.values()) {
				if (extension.external && extension.events.contains("SHUTDOWN") && !extension.state.isTerminal()) {
					extension.pending = new PendingEvent("SHUTDOWN", body);
					recipients.add(extension.id);
				}
			}
			// Unlike RIE and the spec's recipe (which flush before SHUTDOWN), the spec's §2.4 says
			// the last report reaches listeners after SHUTDOWN was handed out.
			this.freeze.thawAfterHandOut(recipients, false);
			this.monitor.notifyAll();
			return deadline;
		}
	}

	/**
	 * Return the shutdown reason, once {@link #shutdown} was called.
	 * @return the lower-case reason, or {@code null}
	 */
	public @Nullable String shutdownReason() {
		synchronized (this.monitor) {
			return this.shutdownReason;
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
		awaitCondition(timeout, () -> {
			ExtensionRecord record = findByName(name);
			return record != null && record.state == state;
		}, () -> "extension '" + name + "' to reach " + state + "; " + describeExtensions());
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
		awaitCondition(timeout, () -> this.calls.stream().filter((call) -> call.path().equals(path)).count() >= count,
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
			this.telemetry.emit(EmulatedTelemetryEvent.raw((Map<String, Object>) event));
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
		this.telemetry.emit(new EmulatedTelemetryEvent(EmulatedTelemetryEvent.format(Instant.now()), "extension", line, null));
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
		synchronized (this.monitor) {
			ExtensionRecord extension = findByName(name);
			if (extension == null) {
				this.monitor.notifyAll();
				return;
			}
			extension.exitCode = exitCode;
			this.freeze.recipientGone(extension.id);
			if (killed) {
				extension.state = EmulatedExtensionState.KILLED;
			}
			else if (this.shutdownReason != null && !extension.state.isTerminal()) {
				extension.state = (exitCode == 0) ? EmulatedExtensionState.EXITED : EmulatedExtensionState.SHUTDOWN_FAILED;
			}
			else if (!extension.state.isTerminal()) {
				extension.state = EmulatedExtensionState.CRASHED;
			}
			this.monitor.notifyAll();
		}
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
		awaitCondition(timeout, condition, () -> description + "; " + describeExtensions());
	}

	boolean isTerminal(String extensionId) {
		ExtensionRecord extension = this.extensions.get(extensionId);
		return extension == null || extension.state.isTerminal();
	}

	String describeExtensions() {
		synchronized (this.monitor) {
			if (this.extensions.isEmpty()) {
				return "no extension registered";
			}
			return this.extensions.values()
				.stream()
				.map((extension) -> extension.name + "=" + extension.state + (extension.parked ? "(parked)" : ""))
				.collect(Collectors.joining(", ", "extensions: ", ""));
		}
	}

	void awaitCondition(Duration timeout, BooleanSupplier condition, Supplier<String> description) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (!condition.getAsBoolean()) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0 || this.closed) {
					throw new LambdaEmulatorTimeoutException(description.get(), timeout);
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.monitor, remaining);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while waiting for " + description.get(), ex);
				}
			}
		}
	}

	private @Nullable ExtensionRecord findByName(String name) {
		for (ExtensionRecord extension : this.extensions.values()) {
			if (extension.name.equals(name)) {
				return extension;
			}
		}
		return null;
	}

	private void handle(HttpExchange exchange) {
		long receivedNanos = System.nanoTime();
		Instant receivedAt = Instant.now();
		try {
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath();
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			exchange.getRequestHeaders().forEach(headers::put);
			EmulatorResponse response;
			EmulatorResponse fault = takeFault(path);
			if (fault != null) {
				response = fault;
			}
			else {
				try {
					response = route(method, path, headers, body, receivedNanos, receivedAt);
				}
				catch (ApiException ex) {
					response = ex.response();
				}
				catch (RuntimeException ex) {
					logger.log(System.Logger.Level.WARNING, "Emulator failed to handle " + method + " " + path, ex);
					response = EmulatorResponse.error(500, "InternalServerError", "Internal Server Error");
				}
			}
			// Recorded before the answer leaves, so a caller that has its answer always finds the call.
			synchronized (this.monitor) {
				this.calls.add(new RecordedCall(method, path, headers, body, response.status(), response.body(),
						receivedAt, receivedNanos));
				this.monitor.notifyAll();
			}
			send(exchange, response);
			if (fault == null && NEXT_PATH.equals(path) && response.status() == 200) {
				recordHandOut(header(headers, "Lambda-Extension-Identifier"));
			}
		}
		catch (IOException ex) {
			logger.log(System.Logger.Level.DEBUG, "Emulator could not answer a request", ex);
		}
		finally {
			exchange.close();
		}
	}

	private void recordHandOut(@Nullable String extensionId) {
		if (extensionId == null) {
			return;
		}
		long nanos = System.nanoTime();
		synchronized (this.monitor) {
			ExtensionRecord extension = this.extensions.get(extensionId);
			HandedOutEvent event = (extension != null) ? extension.handingOut : null;
			if (extension != null && event != null) {
				extension.handingOut = null;
				this.handedOut.add(new HandedOutEvent(event.extensionName(), event.eventType(), event.body(), nanos));
				this.monitor.notifyAll();
			}
		}
		this.freeze.handedOut(extensionId);
	}

	private static void send(HttpExchange exchange, EmulatorResponse response) throws IOException {
		response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(response.status(), (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	private @Nullable EmulatorResponse takeFault(String path) {
		synchronized (this.monitor) {
			return this.faults.takeAnswer(path);
		}
	}

	private EmulatorResponse route(String method, String path, Map<String, List<String>> headers, String body,
			long nanos, Instant at) {
		switch (path) {
			case REGISTER_PATH:
				requireMethod("POST", method);
				return register(headers, body, nanos, at);
			case NEXT_PATH:
				requireMethod("GET", method);
				return next(headers, nanos, at);
			case INIT_ERROR_PATH:
				requireMethod("POST", method);
				return reportError(headers, body, true);
			case EXIT_ERROR_PATH:
				requireMethod("POST", method);
				return reportError(headers, body, false);
			case TELEMETRY_PATH:
				requireMethod("PUT", method);
				return subscribeTelemetry(headers, body, nanos);
			case LOGS_PATH:
				requireMethod("PUT", method);
				return subscribeLogs(headers, body);
			default:
				return EmulatorResponse.error(404, "NotFound", "No route for " + method + " " + path);
		}
	}

	private static void requireMethod(String expected, String actual) {
		if (!expected.equals(actual)) {
			throw new ApiException(405, "MethodNotAllowed", "Method " + actual + " not allowed");
		}
	}

	private static @Nullable String header(Map<String, List<String>> headers, String name) {
		List<String> values = headers.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	private EmulatorResponse register(Map<String, List<String>> headers, String body, long nanos, Instant at) {
		String name = header(headers, "Lambda-Extension-Name");
		if (name == null || name.isBlank()) {
			throw new ApiException(403, "Extension.InvalidExtensionName", "Empty extension name");
		}
		Map<String, Object> json = Json.readObject(body);
		if (json == null) {
			throw new ApiException(403, "InvalidRequestFormat", "Request body is not a valid JSON object");
		}
		if (json.containsKey("configurationKeys")) {
			throw new ApiException(403, "InvalidRequestFormat",
					"configurationKeys are deprecated; use environment variables instead");
		}
		Object eventsNode = json.get("events");
		List<String> events = new ArrayList<>();
		if (eventsNode != null && !(eventsNode instanceof List)) {
			throw new ApiException(403, "InvalidRequestFormat", "events must be an array");
		}
		if (eventsNode instanceof List<?> list) {
			for (Object event : list) {
				if (!"INVOKE".equals(event) && !"SHUTDOWN".equals(event)) {
					throw new ApiException(403, "Extension.InvalidEventType", event + ": InvalidEventType");
				}
				if (!events.contains(event)) {
					events.add((String) event);
				}
			}
		}
		if (this.managedInstances && events.contains("INVOKE")) {
			throw new ApiException(403, "Extension.InvalidEventType",
					"INVOKE: InvokeEventNotSupportedForLambdaManagedInstances");
		}
		boolean external = this.externalNames == null || this.externalNames.contains(name);
		if (!external && events.contains("SHUTDOWN")) {
			throw new ApiException(403, "Extension.InvalidEventType",
					"SHUTDOWN: ShutdownEventNotSupportedForInternalExtension");
		}
		Set<String> features = new LinkedHashSet<>();
		String acceptFeature = header(headers, "Lambda-Extension-Accept-Feature");
		if (acceptFeature != null) {
			for (String feature : acceptFeature.split(",")) {
				features.add(feature.trim());
			}
		}
		ExtensionRecord extension;
		synchronized (this.monitor) {
			ExtensionRecord existing = findByName(name);
			if (existing != null) {
				throw new ApiException(403, "Extension.InvalidExtensionState", "State transition from "
						+ existing.state.wireName() + " to Registered failed for extension " + name
						+ ". Error: State transition is not allowed");
			}
			if (this.registrationClosed) {
				throw new ApiException(403, "Extension.RegistrationClosed", "Extension registration closed already");
			}
			if (this.extensions.size() >= MAX_EXTENSIONS) {
				throw new ApiException(403, "Extension.TooManyExtensions",
						"Extension limit (" + MAX_EXTENSIONS + ") reached");
			}
			extension = new ExtensionRecord(name, UUID.randomUUID().toString(), List.copyOf(events), external, at,
					nanos);
			this.extensions.put(extension.id, extension);
			this.monitor.notifyAll();
		}
		Map<String, Object> responseBody = Json.object("functionName", this.functionName, "functionVersion",
				this.functionVersion, "handler", this.handler, "accountId",
				features.contains("accountId") ? this.accountId : null);
		return EmulatorResponse.json(200, Json.write(responseBody))
			.withHeader("Lambda-Extension-Identifier", extension.id);
	}

	private ExtensionRecord lookup(Map<String, List<String>> headers) {
		String id = header(headers, "Lambda-Extension-Identifier");
		if (id == null || id.isBlank()) {
			throw new ApiException(403, "Extension.MissingExtensionIdentifier",
					"Missing Lambda-Extension-Identifier header");
		}
		try {
			UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException(403, "Extension.InvalidExtensionIdentifier", "Invalid Lambda-Extension-Identifier");
		}
		ExtensionRecord extension = this.extensions.get(id);
		if (extension == null) {
			throw new ApiException(403, "Extension.UnknownExtensionIdentifier", "Unknown extension " + id);
		}
		return extension;
	}

	private static ApiException invalidState(ExtensionRecord extension, String target) {
		return new ApiException(403, "Extension.InvalidExtensionState",
				"State transition from " + extension.state.wireName() + " to " + target + " failed for extension "
						+ extension.name + ". Error: State transition is not allowed");
	}

	private EmulatorResponse next(Map<String, List<String>> headers, long nanos, Instant at) {
		synchronized (this.monitor) {
			ExtensionRecord extension = lookup(headers);
			if (extension.state.isTerminal() || extension.shutdownReceived || extension.parked) {
				throw invalidState(extension, "Ready");
			}
			extension.nextCount++;
			if (extension.firstNextNanos == null) {
				extension.firstNextNanos = nanos;
				extension.firstNextAt = at;
			}
			// An INVOKE still waiting has not been handed out: this call starts that invocation, it does not end it.
			Invocation invocation = this.currentInvocation;
			if (extension.state == EmulatedExtensionState.RUNNING && invocation != null
					&& extension.pending == null
					&& invocation.isParticipant(extension.id)) {
				invocation.extensionDone(extension.id, nanos);
				if (invocation.isSettled()) {
					emitReport(invocation);
				}
			}
			extension.state = EmulatedExtensionState.READY;
			extension.parked = true;
			this.monitor.notifyAll();
			try {
				while (extension.pending == null && !this.closed && !extension.state.isTerminal()) {
					this.monitor.wait();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			extension.parked = false;
			PendingEvent event = extension.pending;
			if (event == null) {
				this.monitor.notifyAll();
				throw new ApiException(500, "InternalServerError", "Internal Server Error");
			}
			extension.pending = null;
			extension.state = EmulatedExtensionState.RUNNING;
			if ("SHUTDOWN".equals(event.type())) {
				extension.shutdownReceived = true;
			}
			else if ("INVOKE".equals(event.type())) {
				extension.invokeCount++;
			}
			this.monitor.notifyAll();
			String sentBody = this.faults.eventBody(event.body());
			extension.handingOut = new HandedOutEvent(extension.name, event.type(), sentBody, 0);
			EmulatorResponse response = new EmulatorResponse(200, sentBody, Map.of())
				.withHeader("Lambda-Extension-Event-Identifier", UUID.randomUUID().toString());
			return "INVOKE".equals(event.type()) ? response.withHeader("Content-Type", "application/json") : response;
		}
	}

	private EmulatorResponse reportError(Map<String, List<String>> headers, String body, boolean init) {
		synchronized (this.monitor) {
			ExtensionRecord extension = lookup(headers);
			String errorType = header(headers, "Lambda-Extension-Function-Error-Type");
			if (errorType == null || errorType.isBlank()) {
				throw new ApiException(403, "Extension.MissingHeader",
						"Missing Lambda-Extension-Function-Error-Type header");
			}
			if (init) {
				if (extension.state == EmulatedExtensionState.INIT_ERROR) {
					return EmulatorResponse.json(202, "{\"status\":\"OK\"}");
				}
				if (extension.state != EmulatedExtensionState.REGISTERED || extension.nextCount > 0) {
					throw invalidState(extension, "InitError");
				}
				extension.state = EmulatedExtensionState.INIT_ERROR;
				extension.initErrorType = errorType;
				extension.initErrorBody = body;
			}
			else {
				if (extension.state.isTerminal()) {
					throw invalidState(extension, "ExitError");
				}
				extension.state = EmulatedExtensionState.EXIT_ERROR;
				extension.exitErrorType = errorType;
				extension.exitErrorBody = body;
			}
			this.monitor.notifyAll();
			return EmulatorResponse.json(202, "{\"status\":\"OK\"}");
		}
	}

	private EmulatorResponse subscribeTelemetry(Map<String, List<String>> headers, String body, long nanos) {
		synchronized (this.monitor) {
			if (!this.telemetry.supported()) {
				return this.telemetry.subscribe("", body, false);
			}
			ExtensionRecord extension = lookup(headers);
			if (extension.logsSubscribed) {
				throw new ApiException(403, "Telemetry.InvalidSubscription",
						"Extension already subscribed to the Logs API; the Telemetry API and the Logs API are mutually exclusive");
			}
			EmulatorResponse response = this.telemetry.subscribe(extension.name, body,
					this.initComplete || this.shutdownReason != null);
			if (response.status() == 200) {
				extension.telemetrySubscribed = true;
				extension.telemetrySubscribedNanos = nanos;
			}
			return response;
		}
	}

	private EmulatorResponse subscribeLogs(Map<String, List<String>> headers, String body) {
		synchronized (this.monitor) {
			ExtensionRecord extension = lookup(headers);
			if (extension.telemetrySubscribed) {
				throw new ApiException(403, "Logs.InvalidSubscription",
						"Extension already subscribed to the Telemetry API; the Telemetry API and the Logs API are mutually exclusive");
			}
			if (this.initComplete) {
				throw new ApiException(403, "Logs.SubscriptionClosed", "Logs API subscription is closed already");
			}
			if (Json.readObject(body) == null) {
				throw new ApiException(400, "Logs.ValidationError", "Request body is not a valid JSON object");
			}
			extension.logsSubscribed = true;
			return EmulatorResponse.json(200, "\"OK\"");
		}
	}

	/**
	 * Stop the HTTP server, release every parked {@code next} and stop telemetry delivery.
	 */
	@Override
	public void close() {
		synchronized (this.monitor) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			this.monitor.notifyAll();
		}
		this.server.stop(0);
		this.telemetry.close();
		this.executor.shutdownNow();
	}

	/**
	 * Builder for {@link LambdaEmulator}; {@link #build()} starts the server.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private int port;

		private String functionName = "test-function";

		private String functionVersion = "$LATEST";

		private String handler = "example.Handler::handleRequest";

		private String accountId = "123456789012";

		private String region = "us-east-1";

		private int memorySizeMb = 512;

		private Duration initTimeout = Duration.ofSeconds(10);

		private Duration functionTimeout = Duration.ofSeconds(3);

		private @Nullable Set<String> externalNames;

		private boolean telemetrySupported = true;

		private Set<String> schemaVersions = new LinkedHashSet<>(EmulatedTelemetryApi.SCHEMA_VERSIONS);

		private LogFormat logFormat = LogFormat.TEXT;

		private boolean managedInstances;

		private Builder() {
		}

		/**
		 * Set the port; 0 (the default) picks a free one.
		 * @param port the port
		 * @return this builder
		 */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("'port' must be between 0 and 65535");
			}
			this.port = port;
			return this;
		}

		/**
		 * Set the function name.
		 * @param functionName the function name
		 * @return this builder
		 */
		public Builder functionName(String functionName) {
			this.functionName = requireText(functionName, "functionName");
			return this;
		}

		/**
		 * Set the function version.
		 * @param functionVersion the function version
		 * @return this builder
		 */
		public Builder functionVersion(String functionVersion) {
			this.functionVersion = requireText(functionVersion, "functionVersion");
			return this;
		}

		/**
		 * Set the handler returned at registration.
		 * @param handler the handler
		 * @return this builder
		 */
		public Builder handler(String handler) {
			this.handler = requireText(handler, "handler");
			return this;
		}

		/**
		 * Set the 12-digit account id.
		 * @param accountId the account id
		 * @return this builder
		 */
		public Builder accountId(String accountId) {
			if (accountId == null || !accountId.matches("\\d{12}")) {
				throw new IllegalArgumentException("'accountId' must be 12 digits");
			}
			this.accountId = accountId;
			return this;
		}

		/**
		 * Set the region.
		 * @param region the region
		 * @return this builder
		 */
		public Builder region(String region) {
			this.region = requireText(region, "region");
			return this;
		}

		/**
		 * Set the function memory size.
		 * @param memorySizeMb the memory size in MB
		 * @return this builder
		 */
		public Builder memorySizeMb(int memorySizeMb) {
			if (memorySizeMb < 128 || memorySizeMb > 10240) {
				throw new IllegalArgumentException("'memorySizeMb' must be between 128 and 10240");
			}
			this.memorySizeMb = memorySizeMb;
			return this;
		}

		/**
		 * Set the init timeout (10 s by default, as for on-demand functions).
		 * @param initTimeout the init timeout
		 * @return this builder
		 */
		public Builder initTimeout(Duration initTimeout) {
			this.initTimeout = Objects.requireNonNull(initTimeout, "'initTimeout' must not be null");
			return this;
		}

		/**
		 * Set the function timeout used for {@code deadlineMs} (3 s by default).
		 * @param functionTimeout the function timeout
		 * @return this builder
		 */
		public Builder functionTimeout(Duration functionTimeout) {
			this.functionTimeout = Objects.requireNonNull(functionTimeout, "'functionTimeout' must not be null");
			return this;
		}

		/**
		 * Treat only these names as external extensions; any other name registers as an internal extension
		 * and may not subscribe to SHUTDOWN. By default every name is external.
		 * @param names the external extension names (file names of launched executables)
		 * @return this builder
		 */
		public Builder externalExtensionNames(Set<String> names) {
			this.externalNames = Set.copyOf(names);
			return this;
		}

		/**
		 * Set whether the Telemetry API is supported; when not, subscriptions get 202
		 * {@code Telemetry.NotSupported}.
		 * @param telemetrySupported whether telemetry is supported
		 * @return this builder
		 */
		public Builder telemetrySupported(boolean telemetrySupported) {
			this.telemetrySupported = telemetrySupported;
			return this;
		}

		/**
		 * Refuse subscriptions with these schema versions (400 {@code ValidationError}), to test fallback.
		 * @param schemaVersions the refused versions
		 * @return this builder
		 */
		public Builder refuseSchemaVersions(String... schemaVersions) {
			Arrays.asList(schemaVersions).forEach(this.schemaVersions::remove);
			return this;
		}

		/**
		 * Set the function's log format.
		 * @param logFormat the log format
		 * @return this builder
		 */
		public Builder logFormat(LogFormat logFormat) {
			this.logFormat = Objects.requireNonNull(logFormat, "'logFormat' must not be null");
			return this;
		}

		/**
		 * Set whether the environment is a Lambda Managed Instances one: {@code initializationType} is
		 * {@code lambda-managed-instances}, registering for INVOKE is refused (403
		 * {@code Extension.InvalidEventType}), subscriptions must use schema {@code 2025-01-29}, invocations are
		 * concurrent and reach extensions only as telemetry (no INVOKE event, no {@code platform.runtimeDone}, no
		 * freeze, a report with only {@code durationMs}), and SHUTDOWN reasons are {@code spindown} or
		 * {@code failure}.
		 * @param managedInstances whether to emulate Lambda Managed Instances
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder managedInstances(boolean managedInstances) {
			this.managedInstances = managedInstances;
			return this;
		}

		/**
		 * Start the emulator.
		 * @return the running emulator
		 */
		public LambdaEmulator build() {
			return new LambdaEmulator(this);
		}

		private static String requireText(String value, String name) {
			if (value == null || value.isBlank()) {
				throw new IllegalArgumentException("'" + name + "' must not be empty");
			}
			return value;
		}

	}

}
