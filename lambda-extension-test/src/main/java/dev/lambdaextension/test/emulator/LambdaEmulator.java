package dev.lambdaextension.test.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

	/** Path of the register call. */
	public static final String REGISTER_PATH = "/2020-01-01/extension/register";

	/** Path of the next-event long poll. */
	public static final String NEXT_PATH = "/2020-01-01/extension/event/next";

	/** Path of the init error report. */
	public static final String INIT_ERROR_PATH = "/2020-01-01/extension/init/error";

	/** Path of the exit error report. */
	public static final String EXIT_ERROR_PATH = "/2020-01-01/extension/exit/error";

	/** Path of the Telemetry API subscription. */
	public static final String TELEMETRY_PATH = "/2022-07-01/telemetry";

	/** Path of the legacy Logs API subscription. */
	public static final String LOGS_PATH = "/2020-08-15/logs";

	/** Maximum number of extensions per function. */
	public static final int MAX_EXTENSIONS = 10;

	/** {@code initializationType} of a Lambda Managed Instances environment. */
	public static final String MANAGED_INSTANCES = "lambda-managed-instances";

	/** {@code initializationType} of an environment restored from a SnapStart snapshot. */
	public static final String SNAP_START = "snap-start";

	/** {@code initializationType} of an on-demand environment. */
	public static final String ON_DEMAND = "on-demand";

	/** The only schema version a Lambda Managed Instances environment accepts. */
	public static final String MANAGED_INSTANCES_SCHEMA_VERSION = "2025-01-29";

	private final EmulatorSettings settings;

	private final EmulatorState state = new EmulatorState();

	private final EmulatedTelemetryApi telemetry;

	private final TelemetrySender sender;

	private final EnvironmentFreeze freeze;

	private final PhaseRunner phases;

	private final ControlPlaneServer server;

	private final EmulatedFunction function;

	private final EmulatorTelemetry telemetryView;

	private final EmulatorFaults faults;

	private final EmulatorHistory history;

	private final EmulatedRuntime runtime;

	LambdaEmulator(EmulatorSettings settings) {
		this.settings = settings;
		this.telemetry = new EmulatedTelemetryApi(settings.telemetrySupported(), settings.schemaVersions());
		this.sender = new TelemetrySender(settings, this.telemetry::emit);
		this.freeze = new EnvironmentFreeze(this.telemetry);
		this.phases = new PhaseRunner(settings, this.state, this.sender, this.telemetry, this.freeze);
		ControlPlane controlPlane = new ControlPlane(settings, this.state, this.phases, this.telemetry);
		this.runtime = new EmulatedRuntime(this.state);
		try {
			this.server = new ControlPlaneServer(settings.port(), this.state, controlPlane, this.runtime, this.freeze);
		}
		catch (RuntimeException ex) {
			this.telemetry.close();
			throw ex;
		}
		this.function = EmulatedFunction.of(settings);
		this.telemetryView = new EmulatorTelemetry(this.telemetry, this.sender);
		this.faults = new EmulatorFaults(this.state, this.phases, this.telemetry);
		this.history = new EmulatorHistory(this.state);
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
	 * Return the Runtime API a function process polls, for tests that run a real function with an internal
	 * extension.
	 * @return the runtime side of the emulator
	 */
	public EmulatedRuntime runtime() {
		return this.runtime;
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
	 * Return the function this emulator pretends to run.
	 * @return the function's name, version, region, memory, ARN, Init limit and initialization type
	 */
	public EmulatedFunction function() {
		return this.function;
	}

	/**
	 * Return the Telemetry API part of the scenario API: subscriptions, deliveries, telemetry of a test's own.
	 * @return the telemetry view
	 */
	public EmulatorTelemetry telemetry() {
		return this.telemetryView;
	}

	/**
	 * Return the record of the calls the emulator answered and the events it handed out.
	 * @return the history view
	 */
	public EmulatorHistory history() {
		return this.history;
	}

	/**
	 * Return the fault-injection part of the scenario API.
	 * @return the faults view
	 */
	public EmulatorFaults faults() {
		return this.faults;
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
	 * Restore a SnapStart environment from its snapshot, after Init and before the first invocation: emits
	 * {@code platform.restoreStart}, {@code platform.restoreRuntimeDone} and {@code platform.restoreReport}.
	 * Extensions get no event (Lambda has no RESTORE lifecycle event); the environment stays frozen, so the
	 * restore telemetry reaches subscribers once the next event is handed out. A snapshot keeps no network
	 * connection, so every {@code next} parked at the restore is closed without an answer (recorded with status
	 * 0): the extension has to call {@code next} again. Idle keep-alive connections are not cut.
	 * @throws IllegalStateException without {@link LambdaEmulatorBuilder#snapStart(boolean)}, before Init is
	 * complete, after an invocation or a second time
	 * @since 0.1.0
	 */
	public void restore() {
		this.phases.restore();
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
		Invocation invocation = this.phases.invoke(Objects.requireNonNull(request, "'request' must not be null"));
		synchronized (this.state.monitor) {
			this.runtime.invocationStarted(invocation);
		}
		return invocation;
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
