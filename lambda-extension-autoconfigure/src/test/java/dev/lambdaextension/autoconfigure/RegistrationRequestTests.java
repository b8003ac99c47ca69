package dev.lambdaextension.autoconfigure;

import java.util.EnumSet;
import java.util.Map;

import dev.lambdaextension.client.LifecycleEventType;
import org.junit.jupiter.api.Test;

import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link RegistrationRequest}: the request is built from settings bound as the
 * application context binds them, so environment variables in Spring's relaxed form count.
 */
class RegistrationRequestTests {

	@Test
	void environmentVariablesShouldBindUnderTheirRelaxedNames() {
		StandardEnvironment environment = environment(Map.of("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001",
				"LAMBDA_EXTENSION_NAME", "reporter", "LAMBDA_EXTENSION_EVENTS", "shutdown",
				"LAMBDA_EXTENSION_ACCEPTACCOUNTID", "false"));
		RegistrationRequest request = RegistrationRequest.of(LambdaExtensionProperties.bind(environment), environment);
		assertThat(request).isEqualTo(new RegistrationRequest("127.0.0.1:9001", "reporter",
				EnumSet.of(LifecycleEventType.SHUTDOWN), false, false));
	}

	@Test
	void managedInstancesShouldRegisterForShutdownOnlyByDefault() {
		StandardEnvironment environment = environment(Map.of("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001",
				"LAMBDA_EXTENSION_NAME", "reporter", "AWS_LAMBDA_INITIALIZATION_TYPE", "lambda-managed-instances"));
		RegistrationRequest request = RegistrationRequest.of(LambdaExtensionProperties.bind(environment), environment);
		assertThat(request.events()).containsExactly(LifecycleEventType.SHUTDOWN);
	}

	@Test
	void managedInstancesShouldRefuseInvokeNamingTheProperty() {
		StandardEnvironment environment = environment(Map.of("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001",
				"LAMBDA_EXTENSION_NAME", "reporter", "LAMBDA_EXTENSION_EVENTS", "INVOKE,SHUTDOWN",
				"AWS_LAMBDA_INITIALIZATION_TYPE", "lambda-managed-instances"));
		LambdaExtensionProperties properties = LambdaExtensionProperties.bind(environment);
		assertThatIllegalStateException().isThrownBy(() -> RegistrationRequest.of(properties, environment))
			.withMessageContaining("lambda.extension.events must not contain INVOKE");
	}

	@Test
	void propertyShouldOverrideTheInitializationType() {
		StandardEnvironment environment = environment(Map.of("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001",
				"LAMBDA_EXTENSION_NAME", "reporter", "LAMBDA_EXTENSION_MANAGEDINSTANCES", "false",
				"AWS_LAMBDA_INITIALIZATION_TYPE", "lambda-managed-instances"));
		RegistrationRequest request = RegistrationRequest.of(LambdaExtensionProperties.bind(environment), environment);
		assertThat(request.events()).containsExactlyInAnyOrder(LifecycleEventType.INVOKE, LifecycleEventType.SHUTDOWN);
	}

	private static StandardEnvironment environment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources()
			.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					variables));
		return environment;
	}

}
