package dev.lambdaextension.autoconfigure;

import dev.lambdaextension.listener.TelemetryListenerRegistry;
import dev.lambdaextension.summary.InvocationSummaryPublisher;
import dev.lambdaextension.telemetry.summary.InvocationSummaryJoiner;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the invocation summaries, on when
 * {@code lambda.extension.invocation-summaries.enabled} is {@code true}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = LambdaTelemetryAutoConfiguration.class)
@ConditionalOnBooleanProperty("lambda.extension.invocation-summaries.enabled")
@ConditionalOnBean(TelemetryListenerRegistry.class)
@EnableConfigurationProperties(InvocationSummaryProperties.class)
public final class InvocationSummaryAutoConfiguration {

	InvocationSummaryAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	InvocationSummaryPublisher invocationSummaryPublisher(InvocationSummaryProperties properties,
			LambdaExtensionProperties extension, Environment environment, ApplicationEventPublisher publisher) {
		boolean managedInstances = ExecutionMode.of(extension, environment).isManagedInstances();
		return new InvocationSummaryPublisher(new InvocationSummaryJoiner(properties.getCapacity(), managedInstances),
				publisher);
	}

}
