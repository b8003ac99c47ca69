package dev.lambdaextension.test.emulator;

import java.time.Duration;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The settings of one emulator, as collected by {@link LambdaEmulatorBuilder}; each part of the emulator gets
 * them explicitly.
 *
 * @param port the port to bind, 0 for a free one
 * @param functionName the function name
 * @param functionVersion the function version
 * @param handler the handler returned at registration
 * @param accountId the 12-digit account id
 * @param region the region
 * @param memorySizeMb the memory size in MB
 * @param initTimeout the init timeout
 * @param functionTimeout the default function timeout
 * @param externalNames the external extension names, or {@code null} if every name is external
 * @param telemetrySupported whether the Telemetry API is supported
 * @param schemaVersions the schema versions the Telemetry API accepts
 * @param logFormat the function's log format
 * @param managedInstances whether the environment is a Lambda Managed Instances one
 * @param snapStart whether the environment is restored from a SnapStart snapshot
 */
record EmulatorSettings(int port, String functionName, String functionVersion, String handler, String accountId,
		String region, int memorySizeMb, Duration initTimeout, Duration functionTimeout,
		@Nullable Set<String> externalNames, boolean telemetrySupported, Set<String> schemaVersions,
		LogFormat logFormat, boolean managedInstances, boolean snapStart) {

	EmulatorSettings {
		if (managedInstances && snapStart) {
			throw new IllegalStateException("Lambda Managed Instances do not support SnapStart");
		}
		externalNames = (externalNames != null) ? Set.copyOf(externalNames) : null;
		if (managedInstances) {
			schemaVersions = Set.copyOf(schemaVersions.stream()
				.filter(LambdaEmulator.MANAGED_INSTANCES_SCHEMA_VERSION::equals)
				.toList());
		}
	}

	String initializationType() {
		if (this.managedInstances) {
			return LambdaEmulator.MANAGED_INSTANCES;
		}
		return this.snapStart ? LambdaEmulator.SNAP_START : LambdaEmulator.ON_DEMAND;
	}

	String functionArn() {
		return "arn:aws:lambda:" + this.region + ":" + this.accountId + ":function:" + this.functionName;
	}

	Duration timeout(InvokeRequest request) {
		return (request.functionTimeout() != null) ? request.functionTimeout() : this.functionTimeout;
	}

}
