package dev.lambdaextension.autoconfigure;

import dev.lambdaextension.health.LambdaExtensionHealthIndicator;
import dev.lambdaextension.lifecycle.ExtensionEventLoop;
import dev.lambdaextension.status.ExtensionStatus;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the {@link LambdaExtensionHealthIndicator}, contributed as {@code lambdaextension}
 * when Spring Boot's health support is on the classpath and
 * {@code management.health.lambdaextension.enabled} is not {@code false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { LambdaExtensionAutoConfiguration.class, LambdaTelemetryAutoConfiguration.class })
@ConditionalOnClass({ Health.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(ExtensionEventLoop.class)
@ConditionalOnEnabledHealthIndicator("lambdaextension")
@Import(ExtensionStatusConfiguration.class)
public final class LambdaExtensionHealthContributorAutoConfiguration {

	static final String HEALTH_INDICATOR_BEAN_NAME = "lambdaextensionHealthIndicator";

	LambdaExtensionHealthContributorAutoConfiguration() {
	}

	@Bean(HEALTH_INDICATOR_BEAN_NAME)
	@ConditionalOnMissingBean(name = HEALTH_INDICATOR_BEAN_NAME)
	LambdaExtensionHealthIndicator lambdaextensionHealthIndicator(ExtensionStatus status) {
		return new LambdaExtensionHealthIndicator(status);
	}

}
