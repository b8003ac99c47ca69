package dev.lambdaextension.test.junit;

import dev.lambdaextension.test.emulator.LambdaEmulator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit Jupiter extension that starts one {@link LambdaEmulator} per test class annotated with
 * {@link EmbeddedLambdaEmulator}, closes it after the class, and resolves {@code LambdaEmulator} parameters.
 * In Spring tests (using {@code SpringExtension}) the emulator belongs to the application context and
 * parameters are resolved from it instead.
 *
 * @since 0.1.0
 */
public class LambdaEmulatorExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(LambdaEmulatorExtension.class);

	private static final String KEY = "emulator";

	private static final String SPRING_EXTENSION = "org.springframework.test.context.junit.jupiter.SpringExtension";

	@Override
	public void beforeAll(ExtensionContext context) {
		Class<?> testClass = context.getRequiredTestClass();
		if (isSpringTest(testClass)) {
			return;
		}
		EmbeddedLambdaEmulator annotation = AnnotationSupport
			.findAnnotation(testClass, EmbeddedLambdaEmulator.class)
			.orElseThrow(() -> new IllegalStateException(
					testClass.getName() + " must be annotated with @EmbeddedLambdaEmulator"));
		context.getStore(NAMESPACE).put(KEY, new EmulatorResource(EmbeddedLambdaEmulators.start(annotation)));
	}

	@Override
	public void afterAll(ExtensionContext context) {
		EmulatorResource resource = context.getStore(NAMESPACE).remove(KEY, EmulatorResource.class);
		if (resource != null) {
			resource.emulator().close();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == LambdaEmulator.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		EmulatorResource resource = extensionContext.getStore(NAMESPACE).get(KEY, EmulatorResource.class);
		if (resource != null) {
			return resource.emulator();
		}
		if (isSpringTest(extensionContext.getRequiredTestClass())) {
			return SpringSupport.emulator(extensionContext);
		}
		throw new ParameterResolutionException("No LambdaEmulator is running for "
				+ extensionContext.getRequiredTestClass().getName());
	}

	private static boolean isSpringTest(Class<?> testClass) {
		return AnnotationSupport.findRepeatableAnnotations(testClass, ExtendWith.class)
			.stream()
			.flatMap((extendWith) -> java.util.Arrays.stream(extendWith.value()))
			.anyMatch((extension) -> extension.getName().equals(SPRING_EXTENSION));
	}

	private record EmulatorResource(LambdaEmulator emulator) implements AutoCloseable {

		@Override
		public void close() {
			this.emulator.close();
		}

	}

	private static final class SpringSupport {

		static LambdaEmulator emulator(ExtensionContext context) {
			return org.springframework.test.context.junit.jupiter.SpringExtension.getApplicationContext(context)
				.getBean(LambdaEmulator.class);
		}

	}

}
