package dev.lambdaextension.test.junit;

import dev.lambdaextension.test.emulator.LambdaEmulator;

/**
 * Creates emulators from {@link EmbeddedLambdaEmulator} attributes.
 *
 * @since 0.1.0
 */
public final class EmbeddedLambdaEmulators {

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
			.snapStart(annotation.snapStart())
			.build();
	}

}
