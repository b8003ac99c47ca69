package dev.lambdaextension.test.emulator;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Builder for {@link LambdaEmulator}, obtained from {@link LambdaEmulator#builder()}; {@link #build()} starts
 * the emulator.
 *
 * @since 0.1.0
 */
public final class LambdaEmulatorBuilder {

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

	private boolean snapStart;

	LambdaEmulatorBuilder() {
	}

	/**
	 * Set the port; 0 (the default) picks a free one.
	 * @param port the port
	 * @return this builder
	 */
	public LambdaEmulatorBuilder port(int port) {
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
	public LambdaEmulatorBuilder functionName(String functionName) {
		this.functionName = requireText(functionName, "functionName");
		return this;
	}

	/**
	 * Set the function version.
	 * @param functionVersion the function version
	 * @return this builder
	 */
	public LambdaEmulatorBuilder functionVersion(String functionVersion) {
		this.functionVersion = requireText(functionVersion, "functionVersion");
		return this;
	}

	/**
	 * Set the handler returned at registration.
	 * @param handler the handler
	 * @return this builder
	 */
	public LambdaEmulatorBuilder handler(String handler) {
		this.handler = requireText(handler, "handler");
		return this;
	}

	/**
	 * Set the 12-digit account id.
	 * @param accountId the account id
	 * @return this builder
	 */
	public LambdaEmulatorBuilder accountId(String accountId) {
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
	public LambdaEmulatorBuilder region(String region) {
		this.region = requireText(region, "region");
		return this;
	}

	/**
	 * Set the function memory size.
	 * @param memorySizeMb the memory size in MB
	 * @return this builder
	 */
	public LambdaEmulatorBuilder memorySizeMb(int memorySizeMb) {
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
	public LambdaEmulatorBuilder initTimeout(Duration initTimeout) {
		this.initTimeout = Objects.requireNonNull(initTimeout, "'initTimeout' must not be null");
		return this;
	}

	/**
	 * Set the function timeout used for {@code deadlineMs} (3 s by default).
	 * @param functionTimeout the function timeout
	 * @return this builder
	 */
	public LambdaEmulatorBuilder functionTimeout(Duration functionTimeout) {
		this.functionTimeout = Objects.requireNonNull(functionTimeout, "'functionTimeout' must not be null");
		return this;
	}

	/**
	 * Treat only these names as external extensions; any other name registers as an internal extension
	 * and may not subscribe to SHUTDOWN. By default every name is external.
	 * @param names the external extension names (file names of launched executables)
	 * @return this builder
	 */
	public LambdaEmulatorBuilder externalExtensionNames(Set<String> names) {
		this.externalNames = Set.copyOf(names);
		return this;
	}

	/**
	 * Set whether the Telemetry API is supported; when not, subscriptions get 202
	 * {@code Telemetry.NotSupported}.
	 * @param telemetrySupported whether telemetry is supported
	 * @return this builder
	 */
	public LambdaEmulatorBuilder telemetrySupported(boolean telemetrySupported) {
		this.telemetrySupported = telemetrySupported;
		return this;
	}

	/**
	 * Refuse subscriptions with these schema versions (400 {@code ValidationError}), to test fallback.
	 * @param schemaVersions the refused versions
	 * @return this builder
	 */
	public LambdaEmulatorBuilder refuseSchemaVersions(String... schemaVersions) {
		Arrays.asList(schemaVersions).forEach(this.schemaVersions::remove);
		return this;
	}

	/**
	 * Set the function's log format.
	 * @param logFormat the log format
	 * @return this builder
	 */
	public LambdaEmulatorBuilder logFormat(LogFormat logFormat) {
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
	public LambdaEmulatorBuilder managedInstances(boolean managedInstances) {
		this.managedInstances = managedInstances;
		return this;
	}

	/**
	 * Set whether the function uses SnapStart: {@code initializationType} is {@code snap-start} and
	 * {@link LambdaEmulator#restore()} emulates the restore of the environment from its snapshot after Init.
	 * @param snapStart whether to emulate SnapStart
	 * @return this builder
	 * @since 0.1.0
	 */
	public LambdaEmulatorBuilder snapStart(boolean snapStart) {
		this.snapStart = snapStart;
		return this;
	}

	/**
	 * Start the emulator.
	 * @return the running emulator
	 */
	public LambdaEmulator build() {
		return new LambdaEmulator(new EmulatorSettings(this.port, this.functionName, this.functionVersion, this.handler,
				this.accountId, this.region, this.memorySizeMb, this.initTimeout, this.functionTimeout,
				this.externalNames, this.telemetrySupported, Set.copyOf(this.schemaVersions), this.logFormat,
				this.managedInstances, this.snapStart));
	}

	private static String requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("'" + name + "' must not be empty");
		}
		return value;
	}

}
