package dev.lambdaextension.autoconfigure;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import dev.lambdaextension.client.LifecycleEventType;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.PropertyResolver;

/**
 * Which kind of Lambda environment the extension runs in, and the settings that follow
 * from it: classic functions, or Lambda Managed Instances (concurrent invocations,
 * SHUTDOWN-only registration, no freeze barrier, schema 2025-01-29 only); and whether it
 * is an external extension (a process of its own) or an internal one (inside the
 * function's JVM, INVOKE only). The one place that turns unset properties into the values
 * for the environment, read the same way by the early registration and by the
 * auto-configuration.
 */
final class ExecutionMode {

	static final String INITIALIZATION_TYPE_VARIABLE = "AWS_LAMBDA_INITIALIZATION_TYPE";

	static final String MANAGED_INSTANCES_TYPE = "lambda-managed-instances";

	static final String SNAP_START_TYPE = "snap-start";

	static final String EVENTS_PROPERTY = "lambda.extension.events";

	/**
	 * Set by Lambda for the function's runtime process only, never for an external
	 * extension.
	 */
	static final String HANDLER_VARIABLE = "_HANDLER";

	static final String MANAGED_INSTANCES_SCHEMA_VERSION = "2025-01-29";

	private static final Duration BARRIER_BUFFERING_TIMEOUT = Duration.ofMillis(25);

	private static final Duration LAMBDA_BUFFERING_TIMEOUT = Duration.ofSeconds(1);

	private static final Duration QUIET_PERIOD_ALLOWANCE = Duration.ofMillis(100);

	private final boolean managedInstances;

	private final boolean internal;

	private ExecutionMode(boolean managedInstances, boolean internal) {
		this.managedInstances = managedInstances;
		this.internal = internal;
	}

	/**
	 * Return the mode: {@code lambda.extension.managed-instances} when set, otherwise what
	 * Lambda says in {@value #INITIALIZATION_TYPE_VARIABLE}; {@code lambda.extension.mode}
	 * when set, otherwise internal when {@value #HANDLER_VARIABLE} is set.
	 * @param properties the settings
	 * @param environment the environment Lambda sets the variables in
	 * @return the mode
	 */
	static ExecutionMode of(LambdaExtensionProperties properties, PropertyResolver environment) {
		Boolean configured = properties.getManagedInstances();
		boolean managedInstances = (configured != null) ? configured
				: MANAGED_INSTANCES_TYPE.equals(environment.getProperty(INITIALIZATION_TYPE_VARIABLE));
		LambdaExtensionProperties.Mode mode = properties.getMode();
		boolean internal = (mode != null) ? mode == LambdaExtensionProperties.Mode.INTERNAL
				: environment.containsProperty(HANDLER_VARIABLE);
		return new ExecutionMode(managedInstances, internal);
	}

	boolean isManagedInstances() {
		return this.managedInstances;
	}

	/**
	 * Return whether the extension is an internal one, running inside the function's
	 * process.
	 * @return whether internal
	 */
	boolean isInternal() {
		return this.internal;
	}

	/**
	 * Return the events to register for.
	 * @param configured the configured events, or {@code null} when unset
	 * @return the events
	 * @throws IllegalStateException if the configured events are refused here
	 */
	Set<LifecycleEventType> events(@Nullable Set<LifecycleEventType> configured) {
		if (configured == null) {
			if (this.internal) {
				return this.managedInstances ? EnumSet.noneOf(LifecycleEventType.class)
						: EnumSet.of(LifecycleEventType.INVOKE);
			}
			return this.managedInstances ? EnumSet.of(LifecycleEventType.SHUTDOWN)
					: EnumSet.allOf(LifecycleEventType.class);
		}
		if (this.internal && configured.contains(LifecycleEventType.SHUTDOWN)) {
			throw new IllegalStateException(EVENTS_PROPERTY + " must not contain SHUTDOWN for an internal extension "
					+ "(lambda.extension.mode=internal): Lambda refuses it; leave it unset to register for "
					+ "INVOKE only");
		}
		if (this.managedInstances && configured.contains(LifecycleEventType.INVOKE)) {
			throw new IllegalStateException(EVENTS_PROPERTY + " must not contain INVOKE on Lambda Managed Instances ("
					+ INITIALIZATION_TYPE_VARIABLE + "=" + MANAGED_INSTANCES_TYPE
					+ "), which refuse it; leave it unset to register for SHUTDOWN only");
		}
		return configured.isEmpty() ? EnumSet.noneOf(LifecycleEventType.class) : EnumSet.copyOf(configured);
	}

	/**
	 * Return the schema version to subscribe with.
	 * @param configured the configured version
	 * @return the version
	 * @throws IllegalStateException if the version is refused here
	 */
	String schemaVersion(String configured) {
		if (this.managedInstances && !MANAGED_INSTANCES_SCHEMA_VERSION.equals(configured)) {
			throw new IllegalStateException("lambda.extension.telemetry.schema-version must be "
					+ MANAGED_INSTANCES_SCHEMA_VERSION + " on Lambda Managed Instances, which refuse " + configured);
		}
		return configured;
	}

	/**
	 * Return whether the subscription may fall back to older schema versions.
	 * @return whether to fall back
	 */
	boolean allowsSchemaFallback() {
		return !this.managedInstances;
	}

	/**
	 * Return how long Lambda buffers telemetry before a delivery.
	 * @param configured the configured timeout, or {@code null} when unset
	 * @return the timeout
	 */
	Duration bufferingTimeout(@Nullable Duration configured) {
		if (configured != null) {
			return configured;
		}
		return this.managedInstances ? LAMBDA_BUFFERING_TIMEOUT : BARRIER_BUFFERING_TIMEOUT;
	}

	/**
	 * Return how long without telemetry after {@code SHUTDOWN} means nothing more comes.
	 * @param configured the configured period, or {@code null} when unset
	 * @param bufferingTimeout the buffering timeout in force
	 * @return the quiet period
	 */
	static Duration quietPeriod(@Nullable Duration configured, Duration bufferingTimeout) {
		return (configured != null) ? configured : bufferingTimeout.plus(QUIET_PERIOD_ALLOWANCE);
	}

	/**
	 * Return whether the freeze barrier runs: never on Lambda Managed Instances, which
	 * send no INVOKE and no {@code platform.runtimeDone}.
	 * @param enabled whether the barrier is enabled
	 * @return whether it runs
	 */
	boolean barrier(boolean enabled) {
		return enabled && !this.managedInstances;
	}

	@Override
	public String toString() {
		return (this.managedInstances ? "Lambda Managed Instances" : "classic")
				+ (this.internal ? ", internal extension" : "");
	}

}
