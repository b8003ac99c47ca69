package dev.lambdaextension.autoconfigure;

import java.time.Clock;

import dev.lambdaextension.client.LifecycleEventType;
import dev.lambdaextension.flush.AdaptiveFlushRule;
import dev.lambdaextension.flush.FlushPolicy;
import dev.lambdaextension.flush.FlushScheduler;
import dev.lambdaextension.flush.TelemetryFlusher;
import dev.lambdaextension.flush.TelemetryFlushers;
import dev.lambdaextension.lifecycle.ExtensionEventLoop;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the flush policies, on when the context has {@link TelemetryFlusher} beans.
 *
 * @since 0.2.0
 */
@AutoConfiguration(after = { LambdaExtensionAutoConfiguration.class, LambdaTelemetryAutoConfiguration.class,
		InvocationSummaryAutoConfiguration.class })
@ConditionalOnBean({ TelemetryFlusher.class, ExtensionEventLoop.class })
@EnableConfigurationProperties(FlushProperties.class)
public final class FlushAutoConfiguration {

	static final String POLICY_PROPERTY = "lambda.extension.flush.policy";

	FlushAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	FlushScheduler flushScheduler(FlushProperties properties, LambdaExtensionProperties extension,
			Environment environment, ObjectProvider<TelemetryFlusher> flushers) {
		FlushPolicy policy = policy(properties, extension, environment);
		AdaptiveFlushRule adaptive = (policy == FlushPolicy.ADAPTIVE)
				? new AdaptiveFlushRule(properties.getAdaptiveThreshold(), Clock.systemUTC()) : null;
		boolean timed = policy == FlushPolicy.PERIODIC || policy == FlushPolicy.ADAPTIVE;
		return new FlushScheduler(policy, new TelemetryFlushers(flushers.orderedStream().toList()), adaptive,
				timed ? properties.getInterval() : null);
	}

	static FlushPolicy policy(FlushProperties properties, LambdaExtensionProperties extension,
			Environment environment) {
		ExecutionMode mode = ExecutionMode.of(extension, environment);
		boolean invocations = mode.events(extension.getEvents()).contains(LifecycleEventType.INVOKE);
		FlushPolicy policy = properties.getPolicy();
		if (policy == null) {
			return invocations ? FlushPolicy.END_OF_INVOCATION : FlushPolicy.PERIODIC;
		}
		if (policy.needsInvocations() && !invocations) {
			throw new IllegalStateException(POLICY_PROPERTY + " must be periodic or continuous when the extension "
					+ "receives no INVOKE events (" + mode + ", " + ExecutionMode.EVENTS_PROPERTY + "); "
					+ policy.name().toLowerCase().replace('_', '-') + " needs them");
		}
		return policy;
	}

}
