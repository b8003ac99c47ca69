package dev.lambdaextension.autoconfigure;

import dev.lambdaextension.deferred.DeferredBeanInitializer;
import dev.lambdaextension.deferred.DeferredInitializationBeanFactoryPostProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DeferredInitializationAutoConfiguration}'s conditions.
 */
class DeferredInitializationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DeferredInitializationAutoConfiguration.class))
		.withPropertyValues("lambda.extension.runtime-api=127.0.0.1:9");

	@Test
	void anExternalExtensionShouldDeferByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(DeferredBeanInitializer.class)
			.hasSingleBean(DeferredInitializationBeanFactoryPostProcessor.class));
	}

	@Test
	void anInternalExtensionShouldNotDefer() {
		this.contextRunner.withPropertyValues("lambda.extension.mode=internal")
			.run((context) -> assertThat(context).doesNotHaveBean(DeferredBeanInitializer.class)
				.doesNotHaveBean(DeferredInitializationBeanFactoryPostProcessor.class));
	}

	@Test
	void deferringShouldBeSwitchedOffByItsProperty() {
		this.contextRunner.withPropertyValues("lambda.extension.deferred-initialization.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DeferredBeanInitializer.class));
	}

	@Test
	void nothingShouldBeDeferredOutsideLambda() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DeferredInitializationAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DeferredBeanInitializer.class));
	}

}
