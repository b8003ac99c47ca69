package dev.lambdaextension.test.emulator;

import java.time.Duration;

/**
 * The function an emulator pretends to run, as the Extensions API describes it at registration and the
 * launcher exports it to extension processes.
 *
 * @param name the function name ({@code AWS_LAMBDA_FUNCTION_NAME})
 * @param version the function version ({@code AWS_LAMBDA_FUNCTION_VERSION})
 * @param region the region ({@code AWS_REGION})
 * @param memorySizeMb the memory size in MB ({@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE})
 * @param arn the function ARN, as in {@code invokedFunctionArn}
 * @param initTimeout the Init limit that {@link LambdaEmulator#awaitInitComplete()} waits for
 * @param initializationType the {@code initializationType} sent in init telemetry and exported as
 * {@code AWS_LAMBDA_INITIALIZATION_TYPE}: {@link LambdaEmulator#ON_DEMAND} or
 * {@link LambdaEmulator#MANAGED_INSTANCES}
 * @since 0.1.0
 * @see LambdaEmulator#function()
 */
public record EmulatedFunction(String name, String version, String region, int memorySizeMb, String arn,
		Duration initTimeout, String initializationType) {

	static EmulatedFunction of(EmulatorSettings settings) {
		return new EmulatedFunction(settings.functionName(), settings.functionVersion(), settings.region(),
				settings.memorySizeMb(), settings.functionArn(), settings.initTimeout(), settings.initializationType());
	}

	/**
	 * Return whether the function runs on Lambda Managed Instances.
	 * @return whether the initialization type is {@link LambdaEmulator#MANAGED_INSTANCES}
	 */
	public boolean managedInstances() {
		return LambdaEmulator.MANAGED_INSTANCES.equals(this.initializationType);
	}

}
