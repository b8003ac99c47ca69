package dev.lambdaextension.test.context;

import java.util.HashMap;
import java.util.Map;

import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.junit.EmbeddedLambdaEmulator;
import dev.lambdaextension.test.junit.EmbeddedLambdaEmulators;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts an emulator for a test context, registers it as the {@code lambdaEmulator} bean, closes it with the
 * context and points {@code lambda.extension.runtime-api} at it (with SnapStart, also sets
 * {@code AWS_LAMBDA_INITIALIZATION_TYPE} as Lambda does). Equality follows the annotation, so contexts
 * with the same emulator settings are cached and shared.
 */
class LambdaEmulatorContextCustomizer implements ContextCustomizer {

	private static final String INITIALIZATION_TYPE_VARIABLE = "AWS_LAMBDA_INITIALIZATION_TYPE";

	private final EmbeddedLambdaEmulator annotation;

	LambdaEmulatorContextCustomizer(EmbeddedLambdaEmulator annotation) {
		this.annotation = annotation;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		LambdaEmulator emulator = EmbeddedLambdaEmulators.start(this.annotation);
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(LambdaEmulatorContextCustomizerFactory.BEAN_NAME, emulator);
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			registry.registerDisposableBean(LambdaEmulatorContextCustomizerFactory.BEAN_NAME, emulator::close);
		}
		Map<String, Object> properties = new HashMap<>();
		properties.put(LambdaEmulatorContextCustomizerFactory.RUNTIME_API_PROPERTY, emulator.runtimeApi());
		properties.put(LambdaEmulatorContextCustomizerFactory.EXIT_PROCESS_PROPERTY, "false");
		if (this.annotation.snapStart()) {
			properties.put(INITIALIZATION_TYPE_VARIABLE, emulator.function().initializationType());
		}
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("embeddedLambdaEmulator", properties));
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof LambdaEmulatorContextCustomizer customizer
				&& this.annotation.equals(customizer.annotation));
	}

	@Override
	public int hashCode() {
		return this.annotation.hashCode();
	}

}
