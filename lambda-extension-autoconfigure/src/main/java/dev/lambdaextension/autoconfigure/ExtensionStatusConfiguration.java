package dev.lambdaextension.autoconfigure;

import dev.lambdaextension.lifecycle.ExtensionEventHistory;
import dev.lambdaextension.lifecycle.ExtensionEventLoop;
import dev.lambdaextension.lifecycle.TelemetrySubscriber;
import dev.lambdaextension.listener.TelemetryListenerRegistry;
import dev.lambdaextension.status.ExtensionStatus;
import dev.lambdaextension.telemetry.dispatch.TelemetryDispatcher;
import dev.lambdaextension.telemetry.receiver.TelemetryReceiver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link ExtensionStatus} that the health indicator and the endpoint read, with the recent lifecycle
 * events it includes.
 */
@Configuration(proxyBeanMethods = false)
class ExtensionStatusConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ExtensionEventHistory lambdaExtensionEventHistory() {
		return new ExtensionEventHistory();
	}

	@Bean
	@ConditionalOnMissingBean
	ExtensionStatus lambdaExtensionStatus(ExtensionEventLoop loop, ObjectProvider<ExtensionEventHistory> history,
			ObjectProvider<TelemetrySubscriber> subscriber, ObjectProvider<TelemetryReceiver> receiver,
			ObjectProvider<TelemetryDispatcher> dispatcher, ObjectProvider<TelemetryListenerRegistry> listeners) {
		return new ExtensionStatus(loop, history.getIfUnique(), subscriber.getIfUnique(), receiver.getIfUnique(),
				dispatcher.getIfUnique(), listeners.getIfUnique());
	}

}
