package dev.lambdaextension.autoconfigure;

import dev.lambdaextension.lifecycle.RestoreTelemetryPublisher;
import dev.lambdaextension.listener.TelemetryListenerRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of SnapStart support: in an environment whose
 * {@code AWS_LAMBDA_INITIALIZATION_TYPE} is {@code snap-start}, publishes an
 * {@link dev.lambdaextension.lifecycle.ExtensionRestoredEvent} once Lambda restored it.
 * Off with {@code lambda.extension.snap-start.enabled=false}, or without telemetry.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = LambdaTelemetryAutoConfiguration.class)
@ConditionalOnProperty(name = ExecutionMode.INITIALIZATION_TYPE_VARIABLE,
		havingValue = ExecutionMode.SNAP_START_TYPE)
@ConditionalOnBooleanProperty(name = "lambda.extension.snap-start.enabled", matchIfMissing = true)
@ConditionalOnBean(TelemetryListenerRegistry.class)
@EnableConfigurationProperties(SnapStartProperties.class)
public final class SnapStartAutoConfiguration {

	SnapStartAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	RestoreTelemetryPublisher restoreTelemetryPublisher(ApplicationEventPublisher publisher) {
		return new RestoreTelemetryPublisher(publisher);
	}

}
