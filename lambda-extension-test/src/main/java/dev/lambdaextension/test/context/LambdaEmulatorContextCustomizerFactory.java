package dev.lambdaextension.test.context;

import java.util.List;

import dev.lambdaextension.test.junit.EmbeddedLambdaEmulator;
import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * {@link ContextCustomizerFactory} that starts an emulator for test classes annotated with
 * {@link EmbeddedLambdaEmulator}.
 *
 * @since 0.1.0
 */
public class LambdaEmulatorContextCustomizerFactory implements ContextCustomizerFactory {

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

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		EmbeddedLambdaEmulator annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				EmbeddedLambdaEmulator.class);
		return (annotation != null) ? new LambdaEmulatorContextCustomizer(annotation) : null;
	}

}
