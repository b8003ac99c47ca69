package dev.lambdaextension.test.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Start a {@link dev.lambdaextension.test.emulator.LambdaEmulator} for a test class.
 * <p>
 * In a plain JUnit 5 test, {@link LambdaEmulatorExtension} starts one emulator per test class and resolves
 * {@code LambdaEmulator} parameters. In a Spring test, the emulator is started with the application context
 * (by {@code dev.lambdaextension.test.context.LambdaEmulatorContextCustomizerFactory}), registered as a bean,
 * and exposed through the properties {@code lambda.extension.runtime-api} and
 * {@code lambda.extension.shutdown.exit-process=false}.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LambdaEmulatorExtension.class)
public @interface EmbeddedLambdaEmulator {

	/**
	 * Function name reported at registration.
	 * @return the function name
	 */
	String functionName() default "test-function";

	/**
	 * Function version reported at registration.
	 * @return the function version
	 */
	String functionVersion() default "$LATEST";

	/**
	 * Account id returned when the {@code accountId} feature is requested.
	 * @return the 12-digit account id
	 */
	String accountId() default "123456789012";

	/**
	 * Region used in ARNs.
	 * @return the region
	 */
	String region() default "us-east-1";

	/**
	 * Function memory size in MB.
	 * @return the memory size
	 */
	int memorySizeMb() default 512;

	/**
	 * Port to listen on; 0 picks a free port.
	 * @return the port
	 */
	int port() default 0;

	/**
	 * Whether the Telemetry API is supported (otherwise subscriptions get 202 {@code Telemetry.NotSupported}).
	 * @return whether telemetry is supported
	 */
	boolean telemetrySupported() default true;

	/**
	 * Telemetry schema versions the emulator refuses, to test client fallback.
	 * @return the refused versions
	 */
	String[] refusedSchemaVersions() default {};

	/**
	 * Whether the function uses SnapStart: {@link dev.lambdaextension.test.emulator.LambdaEmulator#restore()}
	 * emulates the restore, and a Spring test context gets {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}.
	 * @return whether to emulate SnapStart
	 * @since 0.1.0
	 */
	boolean snapStart() default false;

}
