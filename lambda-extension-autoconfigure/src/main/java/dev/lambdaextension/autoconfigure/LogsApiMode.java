package dev.lambdaextension.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.lambdaextension.client.LogsApiLimits;
import dev.lambdaextension.lifecycle.TelemetrySubscriber;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The settings of the telemetry listeners' subscription when {@code lambda.extension.logs}
 * enables the Logs API, and the start-up checks that refuse it where Lambda would: together
 * with a Telemetry API subscription (once an extension has subscribed through one API,
 * Lambda refuses its subscription to the other), and on Lambda Managed Instances, which
 * have no Logs API.
 * <p>
 * "Together" means: {@code lambda.extension.logs.enabled=true} while a property that only a
 * Telemetry API subscription reads is set, that is
 * {@code lambda.extension.telemetry.enabled=true} (given explicitly, not defaulted),
 * {@code lambda.extension.telemetry.types}, {@code lambda.extension.telemetry.schema-version}
 * or any {@code lambda.extension.telemetry.buffering.*}. The receiver, dispatch and barrier
 * properties under {@code lambda.extension.telemetry} serve both APIs.
 */
final class LogsApiMode {

	static final String ENABLED_PROPERTY = "lambda.extension.logs.enabled";

	private static final String TELEMETRY = "lambda.extension.telemetry.";

	private static final Duration BARRIER_BUFFERING_TIMEOUT = Duration.ofMillis(LogsApiLimits.MIN_TIMEOUT_MS);

	private static final Duration LAMBDA_BUFFERING_TIMEOUT = Duration.ofMillis(LogsApiLimits.DEFAULT_TIMEOUT_MS);

	private LogsApiMode() {
	}

	/**
	 * Refuse the Logs API where Lambda would.
	 * @param logs the Logs API settings
	 * @param mode the execution mode
	 * @param environment the environment the properties come from
	 * @throws LogsApiConfigurationException if the Logs API is enabled and refused here
	 */
	static void check(LogsProperties logs, ExecutionMode mode, Environment environment) {
		if (!logs.isEnabled()) {
			return;
		}
		if (mode.isManagedInstances()) {
			throw new LogsApiConfigurationException(ENABLED_PROPERTY + "=true, but Lambda Managed Instances ("
					+ ExecutionMode.INITIALIZATION_TYPE_VARIABLE + "=" + ExecutionMode.MANAGED_INSTANCES_TYPE
					+ ") have no Logs API",
					"Remove " + ENABLED_PROPERTY + ": on Lambda Managed Instances telemetry listeners receive their "
							+ "events through the Telemetry API.");
		}
		List<String> telemetrySettings = telemetrySubscriptionSettings(environment);
		if (!telemetrySettings.isEmpty()) {
			throw new LogsApiConfigurationException(ENABLED_PROPERTY + "=true subscribes the telemetry listeners "
					+ "through the Logs API, and Lambda refuses an extension that subscribes to both the Logs API "
					+ "and the Telemetry API, but " + String.join(", ", telemetrySettings)
					+ " configure a Telemetry API subscription",
					"Use one API: remove " + String.join(", ", telemetrySettings) + " (lambda.extension.logs.* "
							+ "configures the Logs API subscription), or remove " + ENABLED_PROPERTY
							+ " to use the Telemetry API, which supersedes the Logs API.");
		}
	}

	private static List<String> telemetrySubscriptionSettings(Environment environment) {
		Binder binder = Binder.get(environment);
		List<String> set = new ArrayList<>();
		if (Boolean.TRUE.equals(binder.bind(TELEMETRY + "enabled", Boolean.class).orElse(null))) {
			set.add(TELEMETRY + "enabled=true");
		}
		if (binder.bind(TELEMETRY + "types", Bindable.listOf(String.class)).isBound()) {
			set.add(TELEMETRY + "types");
		}
		if (binder.bind(TELEMETRY + "schema-version", String.class).isBound()) {
			set.add(TELEMETRY + "schema-version");
		}
		if (binder.bind(TELEMETRY + "buffering", Bindable.mapOf(String.class, String.class)).isBound()) {
			set.add(TELEMETRY + "buffering.*");
		}
		return set;
	}

	/**
	 * Return whether the freeze barrier runs: it needs {@code platform.runtimeDone}, which
	 * only schema {@code 2021-03-18} delivers.
	 * @param logs the Logs API settings
	 * @param mode the execution mode
	 * @param enabled whether the barrier is enabled
	 * @return whether it runs
	 */
	static boolean barrier(LogsProperties logs, ExecutionMode mode, boolean enabled) {
		return mode.barrier(enabled) && LogsApiLimits.SCHEMA_2021_03_18.equals(logs.getSchemaVersion());
	}

	/**
	 * Return how long Lambda buffers log records before a delivery.
	 * @param logs the Logs API settings
	 * @param barrier whether the freeze barrier runs
	 * @return the timeout
	 */
	static Duration bufferingTimeout(LogsProperties logs, boolean barrier) {
		Duration configured = logs.getBuffering().getTimeout();
		if (configured != null) {
			return configured;
		}
		return barrier ? BARRIER_BUFFERING_TIMEOUT : LAMBDA_BUFFERING_TIMEOUT;
	}

	/**
	 * Return the subscription settings but types and port.
	 * @param logs the Logs API settings
	 * @param host the destination host
	 * @param barrier whether the freeze barrier runs
	 * @return the template; the schema version never falls back
	 */
	static TelemetrySubscriber.SubscriptionTemplate template(LogsProperties logs, String host, boolean barrier) {
		LogsProperties.Buffering buffering = logs.getBuffering();
		return new TelemetrySubscriber.SubscriptionTemplate(host, logs.getSchemaVersion(), false,
				buffering.getMaxItems(), buffering.getMaxBytes().toBytes(), bufferingTimeout(logs, barrier).toMillis());
	}

}
