package dev.lambdaextension.autoconfigure;

import dev.lambdaextension.health.LambdaExtensionHealthIndicator;
import dev.lambdaextension.lifecycle.ExtensionEventHistory;
import dev.lambdaextension.lifecycle.ExtensionEventLoop;
import dev.lambdaextension.lifecycle.TelemetrySubscriber;
import dev.lambdaextension.listener.TelemetryListenerRegistry;
import dev.lambdaextension.telemetry.dispatch.TelemetryDispatcher;
import dev.lambdaextension.telemetry.receiver.TelemetryReceiver;

import org.springframework.beans.factory.ObjectProvider;
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
@Import(ExtensionEventHistoryConfiguration.class)
public final class LambdaExtensionHealthContributorAutoConfiguration {

	static final String HEALTH_INDICATOR_BEAN_NAME = "lambdaextensionHealthIndicator";

	LambdaExtensionHealthContributorAutoConfiguration() {
	}

	@Bean(HEALTH_INDICATOR_BEAN_NAME)
	@ConditionalOnMissingBean(name = HEALTH_INDICATOR_BEAN_NAME)
	LambdaExtensionHealthIndicator lambdaextensionHealthIndicator(ExtensionEventLoop loop, ObjectProvider<ExtensionEventHistory> history,
			ObjectProvider<TelemetrySubscriber> subscriber, ObjectProvider<TelemetryReceiver> receiver,
			ObjectProvider<TelemetryDispatcher> dispatcher, ObjectProvider<TelemetryListenerRegistry> listeners) {
		return new LambdaExtensionHealthIndicator(loop, history.getIfUnique(), subscriber.getIfUnique(), receiver.getIfUnique(),
				dispatcher.getIfUnique(), listeners.getIfUnique());
	}

}
