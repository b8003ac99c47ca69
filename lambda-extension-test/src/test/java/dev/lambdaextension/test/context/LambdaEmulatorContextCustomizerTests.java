package dev.lambdaextension.test.context;

import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.junit.EmbeddedLambdaEmulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

@SpringJUnitConfig(LambdaEmulatorContextCustomizerTests.Config.class)
@EmbeddedLambdaEmulator(functionName = "spring-function")
class LambdaEmulatorContextCustomizerTests {

	@Autowired
	private LambdaEmulator emulator;

	@Value("${lambda.extension.runtime-api}")
	private String runtimeApi;

	@Value("${lambda.extension.shutdown.exit-process}")
	private boolean exitProcess;

	@Test
	void emulatorShouldBeBeanAndPropertiesShouldPointAtIt(ApplicationContext context, LambdaEmulator parameter) {
		assertThat(this.emulator.function().name()).isEqualTo("spring-function");
		assertThat(this.runtimeApi).isEqualTo(this.emulator.runtimeApi());
		assertThat(this.exitProcess).isFalse();
		assertThat(context.getBean(LambdaEmulatorContextCustomizerFactory.BEAN_NAME)).isSameAs(this.emulator);
		assertThat(parameter).isSameAs(this.emulator);
	}

	@Test
	void customizersShouldBeEqualForEqualAnnotations() {
		LambdaEmulatorContextCustomizerFactory factory = new LambdaEmulatorContextCustomizerFactory();
		assertThat(factory.createContextCustomizer(LambdaEmulatorContextCustomizerTests.class, java.util.List.of()))
			.isEqualTo(factory.createContextCustomizer(Same.class, java.util.List.of()))
			.isNotEqualTo(factory.createContextCustomizer(Other.class, java.util.List.of()));
		assertThat(factory.createContextCustomizer(Config.class, java.util.List.of())).isNull();
	}

	@Configuration(proxyBeanMethods = false)
	static class Config {

	}

	@EmbeddedLambdaEmulator(functionName = "spring-function")
	static class Same {

	}

	@EmbeddedLambdaEmulator(functionName = "other")
	static class Other {

	}

}
