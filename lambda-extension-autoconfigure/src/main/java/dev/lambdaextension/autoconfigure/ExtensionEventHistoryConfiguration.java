package dev.lambdaextension.autoconfigure;

import dev.lambdaextension.lifecycle.ExtensionEventHistory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Records the recent lifecycle events for the health indicator and the endpoint.
 */
@Configuration(proxyBeanMethods = false)
class ExtensionEventHistoryConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ExtensionEventHistory lambdaExtensionEventHistory() {
		return new ExtensionEventHistory();
	}

}
