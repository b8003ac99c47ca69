package dev.lambdaextension.autoconfigure;

import dev.lambdaextension.actuate.endpoint.LambdaExtensionEndpoint;
import dev.lambdaextension.lifecycle.ExtensionEventLoop;
import dev.lambdaextension.status.ExtensionStatus;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the {@link LambdaExtensionEndpoint} ({@code lambdaextension}) when Spring Boot
 * Actuator is on the classpath and the endpoint is available (accessible and exposed).
 * It is served over HTTP only when the application runs a web server.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { LambdaExtensionAutoConfiguration.class, LambdaTelemetryAutoConfiguration.class })
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
@ConditionalOnBean(ExtensionEventLoop.class)
@ConditionalOnAvailableEndpoint(LambdaExtensionEndpoint.class)
@Import(ExtensionStatusConfiguration.class)
public final class LambdaExtensionEndpointAutoConfiguration {

	LambdaExtensionEndpointAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	LambdaExtensionEndpoint lambdaExtensionEndpoint(ExtensionStatus status) {
		return new LambdaExtensionEndpoint(status);
	}

}
