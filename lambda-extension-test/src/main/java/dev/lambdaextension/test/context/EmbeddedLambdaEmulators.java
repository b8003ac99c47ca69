package dev.lambdaextension.test.context;

import dev.lambdaextension.test.emulator.LambdaEmulator;

/**
 * Creates emulators from {@link EmbeddedLambdaEmulator} attributes.
 *
 * @since 0.1.0
 */
public final class EmbeddedLambdaEmulators {

	/**
	 * Name of the emulator bean registered in Spring test contexts.
	 */
	public static final String BEAN_NAME = "lambdaEmulator";

	/**
	 * Property holding the emulator's {@code host:port}.
	 */
	public static final String RUNTIME_API_PROPERTY = "lambda.extension.runtime-api";

	/**
	 * Property telling the extension under test not to exit the JVM on SHUTDOWN.
	 */
	public static final String EXIT_PROCESS_PROPERTY = "lambda.extension.shutdown.exit-process";

	private EmbeddedLambdaEmulators() {
	}

	/**
	 * Start an emulator configured from the annotation.
	 * @param annotation the annotation
	 * @return the running emulator
	 */
	public static LambdaEmulator start(EmbeddedLambdaEmulator annotation) {
		return LambdaEmulator.builder()
			.functionName(annotation.functionName())
			.functionVersion(annotation.functionVersion())
			.accountId(annotation.accountId())
			.region(annotation.region())
			.memorySizeMb(annotation.memorySizeMb())
			.port(annotation.port())
			.telemetrySupported(annotation.telemetrySupported())
			.refuseSchemaVersions(annotation.refusedSchemaVersions())
			.build();
	}

}
