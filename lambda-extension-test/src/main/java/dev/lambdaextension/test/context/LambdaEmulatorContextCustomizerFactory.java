package dev.lambdaextension.test.context;

import java.util.List;

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

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		EmbeddedLambdaEmulator annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				EmbeddedLambdaEmulator.class);
		return (annotation != null) ? new LambdaEmulatorContextCustomizer(annotation) : null;
	}

}
