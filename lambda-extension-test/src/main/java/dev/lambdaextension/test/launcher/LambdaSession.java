package dev.lambdaextension.test.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import dev.lambdaextension.test.emulator.EmulatedExtension;
import dev.lambdaextension.test.emulator.EmulatedExtensionState;
import dev.lambdaextension.test.emulator.Invocation;
import dev.lambdaextension.test.emulator.InvokeRequest;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.emulator.LambdaEmulatorBuilder;
import dev.lambdaextension.test.emulator.LambdaEmulatorTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * One emulated execution environment: an emulator plus the extension processes of an extensions directory,
 * driven through Init, invocations and Shutdown.
 * <p>
 * {@link #init()} launches every executable, waits (within the init timeout) for all registrations and all
 * first {@code next} calls, and fails with {@code Extension.Crash} if a process exits meanwhile
 * ({@code Extension.InitError} if an extension called {@code init/error}).
 * {@link #shutdown(String, Duration)} sends SHUTDOWN, waits for each process to exit before the deadline and
 * SIGKILLs the stragglers.
 *
 * @since 0.1.0
 */
public final class LambdaSession implements AutoCloseable {

	private final LambdaEmulator emulator;

	private final List<Path> executables;

	private final Map<String, String> environment;

	private final Map<String, String> baseEnvironment;

	private final Consumer<String> output;

	private final boolean forwardOutput;

	private final LaunchedProcesses processes;

	private LambdaSession(Builder builder) {
		Objects.requireNonNull(builder.extensionsDir, "'extensionsDir' must not be null");
		this.executables = ExtensionsLauncher.discover(builder.extensionsDir);
		if (this.executables.size() > LambdaEmulator.MAX_EXTENSIONS) {
			throw new LambdaSessionException("Extension.LaunchError: TooManyExtensions (" + this.executables.size()
					+ " files in " + builder.extensionsDir + ")");
		}
		Set<String> names = new LinkedHashSet<>();
		this.executables.forEach((path) -> names.add(path.getFileName().toString()));
		this.emulator = builder.emulator.externalExtensionNames(names).build();
		this.environment = Map.copyOf(builder.environment);
		this.baseEnvironment = Map.copyOf(builder.baseEnvironment);
		this.output = builder.output;
		this.forwardOutput = builder.forwardOutputAsTelemetry;
		this.processes = new LaunchedProcesses(this.emulator);
	}

	/**
	 * Return a new builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the emulator of this session.
	 * @return the emulator
	 */
	public LambdaEmulator emulator() {
		return this.emulator;
	}

	/**
	 * Return the names of the extensions found in the extensions directory.
	 * @return the names, in launch order
	 */
	public List<String> extensionNames() {
		return this.executables.stream().map((path) -> path.getFileName().toString()).toList();
	}

	/**
	 * Return the launched processes.
	 * @return the launched extensions
	 */
	public List<LaunchedExtension> launched() {
		return this.processes.all();
	}

	/**
	 * Run Init within the emulator's init timeout.
	 * @return one report per extension
	 * @throws LambdaSessionException if an extension cannot be launched, crashes, reports an init error or
	 * Init does not finish in time
	 */
	public List<ExtensionReport> init() {
		Instant deadline = Instant.now().plus(this.emulator.function().initTimeout());
		this.output.accept("INIT: launching " + this.executables.size() + " extension(s) with AWS_LAMBDA_RUNTIME_API="
				+ this.emulator.runtimeApi());
		Map<String, String> processEnvironment = ExtensionsLauncher.environment(this.baseEnvironment, this.emulator,
				this.environment);
		for (Path executable : this.executables) {
			String name = executable.getFileName().toString();
			if (!executable.toFile().canExecute()) {
				throw new LambdaSessionException("Extension.LaunchError: " + name + " is not executable (PermissionDenied)");
			}
			LaunchedExtension extension;
			try {
				extension = ExtensionsLauncher.launch(executable, processEnvironment, this.output,
						this::onExtensionLine);
			}
			catch (RuntimeException ex) {
				throw new LambdaSessionException("Extension.LaunchError: " + name + ": " + ex.getMessage(), ex);
			}
			this.processes.add(extension);
		}
		int count = this.executables.size();
		try {
			this.emulator.await(count + " registration(s) without a crash", remaining(deadline),
					() -> this.processes.anyCrashed() || this.emulator.extensions().size() >= count);
			failOnCrash("registration");
			this.output.accept("INIT: " + count + " extension(s) registered");
			this.emulator.await("every extension to call next", remaining(deadline),
					() -> this.processes.anyCrashed() || this.emulator.extensions()
						.stream()
						.noneMatch((extension) -> extension.state() == EmulatedExtensionState.REGISTERED));
			failOnCrash("init");
			this.emulator.awaitInitComplete(remaining(deadline));
		}
		catch (LambdaEmulatorTimeoutException ex) {
			throw new LambdaSessionException("Init timed out (Status: timeout): the Init limit of "
					+ this.emulator.function().initTimeout().toMillis() + " ms passed while waiting for " + ex.description(), ex);
		}
		catch (IllegalStateException ex) {
			throw new LambdaSessionException(String.valueOf(ex.getMessage()), ex);
		}
		this.output.accept("INIT: complete, every extension is waiting for events");
		return reports();
	}

	private void failOnCrash(String phase) {
		if (this.processes.anyCrashed()) {
			boolean initError = this.emulator.extensions()
				.stream()
				.anyMatch((extension) -> extension.state() == EmulatedExtensionState.INIT_ERROR);
			throw new LambdaSessionException("Init failed during " + phase + ": Status: error Error Type: "
					+ (initError ? "Extension.InitError" : "Extension.Crash") + " (" + this.processes.crashedNames()
					+ " exited)");
		}
	}

	private static Duration remaining(Instant deadline) {
		Duration remaining = Duration.between(Instant.now(), deadline);
		return remaining.isNegative() ? Duration.ZERO : remaining;
	}

	private void onExtensionLine(String name, String line) {
		if (this.forwardOutput) {
			this.emulator.telemetry().emitExtensionLog(line);
		}
	}

	/**
	 * Invoke the function once.
	 * @param request the invocation
	 * @return the invocation handle
	 * @throws LambdaSessionException if an extension crashed
	 */
	public Invocation invoke(InvokeRequest request) {
		if (this.processes.anyCrashed()) {
			throw new LambdaSessionException("Extension.Crash: " + this.processes.crashedNames() + " exited");
		}
		return this.emulator.invoke(request);
	}

	/**
	 * Invoke the function and wait for every INVOKE subscriber to call {@code next} again.
	 * @param request the invocation
	 * @param timeout how long to wait for the extensions
	 * @return per extension, the time between INVOKE delivery and its next {@code next}
	 * @throws LambdaSessionException if an extension crashed or did not finish in time
	 */
	public Map<String, Duration> invokeAndAwait(InvokeRequest request, Duration timeout) {
		return awaitExtensionsDone(invoke(request), timeout);
	}

	/**
	 * Wait for every INVOKE subscriber of an invocation to call {@code next} again.
	 * @param invocation the invocation
	 * @param timeout how long to wait
	 * @return per extension, the time between INVOKE delivery and its next {@code next}
	 * @throws LambdaSessionException if an extension crashed or did not finish in time
	 */
	public Map<String, Duration> awaitExtensionsDone(Invocation invocation, Duration timeout) {
		try {
			return invocation.awaitExtensionsDone(timeout);
		}
		catch (LambdaEmulatorTimeoutException | IllegalStateException ex) {
			String crash = !this.processes.anyCrashed() ? "" : " Error Type: Extension.Crash";
			throw new LambdaSessionException("Invocation " + invocation.requestId() + " failed:" + crash + " "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * Send SHUTDOWN, wait for every process to exit before the deadline, kill the stragglers.
	 * @param reason {@code spindown}, {@code timeout} or {@code failure}
	 * @param budget the shutdown budget (2,000 ms in Lambda with external extensions)
	 * @return the report
	 */
	public ShutdownReport shutdown(String reason, Duration budget) {
		this.processes.shuttingDown();
		Instant deadline = this.emulator.shutdown(reason, budget);
		this.output.accept("SHUTDOWN: reason " + reason.toLowerCase(java.util.Locale.ROOT) + ", deadline in "
				+ budget.toMillis() + " ms");
		for (LaunchedExtension extension : launched()) {
			EmulatedExtension state = this.emulator.extension(extension.name());
			if (state != null && !state.subscribedTo("SHUTDOWN") && extension.process().isAlive()) {
				this.processes.kill(extension, "not subscribed to SHUTDOWN", this.output);
			}
		}
		for (LaunchedExtension extension : launched()) {
			if (!extension.awaitExit(remaining(deadline))) {
				this.processes.kill(extension, "still running at the deadline", this.output);
			}
		}
		for (LaunchedExtension extension : launched()) {
			extension.awaitExit(Duration.ofSeconds(5));
			extension.awaitOutput(Duration.ofSeconds(2));
		}
		this.emulator.await("every process exit to be recorded", Duration.ofSeconds(5),
				() -> launched().stream().allMatch((extension) -> {
					EmulatedExtension state = this.emulator.extension(extension.name());
					return state == null || state.exitCode() != null;
				}));
		ShutdownReport report = new ShutdownReport(reason.toLowerCase(java.util.Locale.ROOT), deadline, reports());
		for (ExtensionReport extension : report.extensions()) {
			this.output.accept("SHUTDOWN: " + extension.name() + " exit code " + extension.exitCode()
					+ (extension.killed() ? " (killed with SIGKILL)" : "")
					+ (extension.crashed() ? " (crashed: Extension.Crash)" : ""));
		}
		return report;
	}

	/**
	 * Return a report for every launched extension.
	 * @return the reports
	 */
	public List<ExtensionReport> reports() {
		List<ExtensionReport> reports = new ArrayList<>();
		for (LaunchedExtension extension : launched()) {
			EmulatedExtension state = this.emulator.extension(extension.name());
			long start = extension.startNanos();
			reports.add(new ExtensionReport(extension.name(), (state != null) ? state.state() : null,
					(state != null) ? since(start, state.registeredNanos()) : null,
					(state != null) ? since(start, state.telemetrySubscribedNanos()) : null,
					(state != null) ? since(start, state.firstNextNanos()) : null, extension.exitCode(),
					since(start, extension.exitNanos()), this.processes.killed(extension.name()),
					this.processes.crashed(extension.name()), extension.outputLines()));
		}
		return reports;
	}

	private static @Nullable Duration since(long start, @Nullable Long nanos) {
		return (nanos != null) ? Duration.ofNanos(nanos - start) : null;
	}

	/**
	 * Kill every process still running and close the emulator.
	 */
	@Override
	public void close() {
		this.processes.killAll();
		this.emulator.close();
	}

	/**
	 * Builder for {@link LambdaSession}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private @Nullable Path extensionsDir;

		private LambdaEmulatorBuilder emulator = LambdaEmulator.builder();

		private final Map<String, String> environment = new HashMap<>();

		private Map<String, String> baseEnvironment = System.getenv();

		private Consumer<String> output = (line) -> {
		};

		private boolean forwardOutputAsTelemetry = true;

		private Builder() {
		}

		/**
		 * Set the directory whose regular files are launched.
		 * @param extensionsDir the directory
		 * @return this builder
		 */
		public Builder extensionsDir(Path extensionsDir) {
			this.extensionsDir = Objects.requireNonNull(extensionsDir, "'extensionsDir' must not be null");
			return this;
		}

		/**
		 * Set the emulator configuration; the external extension names are added from the directory.
		 * @param emulator the emulator builder
		 * @return this builder
		 */
		public Builder emulator(LambdaEmulatorBuilder emulator) {
			this.emulator = Objects.requireNonNull(emulator, "'emulator' must not be null");
			return this;
		}

		/**
		 * Add a variable to the extensions' environment.
		 * @param name the name
		 * @param value the value
		 * @return this builder
		 */
		public Builder environment(String name, String value) {
			this.environment.put(name, value);
			return this;
		}

		/**
		 * Set the environment the extension environment starts from (the current one by default).
		 * @param baseEnvironment the base environment
		 * @return this builder
		 */
		public Builder baseEnvironment(Map<String, String> baseEnvironment) {
			this.baseEnvironment = Map.copyOf(baseEnvironment);
			return this;
		}

		/**
		 * Set where transcript and prefixed extension output lines go.
		 * @param output the line consumer
		 * @return this builder
		 */
		public Builder output(Consumer<String> output) {
			this.output = Objects.requireNonNull(output, "'output' must not be null");
			return this;
		}

		/**
		 * Set whether extension output lines become {@code extension} telemetry.
		 * @param forward whether to forward
		 * @return this builder
		 */
		public Builder forwardOutputAsTelemetry(boolean forward) {
			this.forwardOutputAsTelemetry = forward;
			return this;
		}

		/**
		 * Start the emulator and return the session; extensions are launched by {@link LambdaSession#init()}.
		 * @return the session
		 */
		public LambdaSession build() {
			return new LambdaSession(this);
		}

	}

}
