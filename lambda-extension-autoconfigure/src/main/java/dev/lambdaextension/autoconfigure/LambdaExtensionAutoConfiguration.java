package dev.lambdaextension.autoconfigure;

import dev.lambdaextension.client.DefaultExtensionsApiClient;
import dev.lambdaextension.client.ExtensionsApiClient;
import dev.lambdaextension.client.RuntimeApiHttp;
import dev.lambdaextension.lifecycle.ExtensionEventLoop;
import dev.lambdaextension.lifecycle.ExtensionExitHandler;
import dev.lambdaextension.lifecycle.ExtensionLifecycleParticipant;
import dev.lambdaextension.lifecycle.ExtensionObserver;
import dev.lambdaextension.lifecycle.ExtensionRegistration;
import dev.lambdaextension.lifecycle.ExtensionTerminator;
import dev.lambdaextension.lifecycle.InternalExtensionShutdown;
import dev.lambdaextension.lifecycle.InvocationBarrier;
import dev.lambdaextension.lifecycle.TelemetryDrain;
import dev.lambdaextension.lifecycle.RetryBackoff;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * that runs the application as an AWS Lambda extension: it registers with the Extensions
 * API and turns the lifecycle into application events. As an internal extension, inside
 * the function's JVM, it never exits the process and drains telemetry when the context
 * closes.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnLambdaRuntime
@EnableConfigurationProperties(LambdaExtensionProperties.class)
public final class LambdaExtensionAutoConfiguration {

	LambdaExtensionAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	LambdaRuntimeApiConnectionDetails lambdaRuntimeApiConnectionDetails(Environment environment) {
		String address = LambdaRuntimeApiAddress.require(environment);
		return () -> address;
	}

	@Bean(LambdaExtensionRunListener.HTTP_BEAN_NAME)
	@ConditionalOnMissingBean
	RuntimeApiHttp lambdaRuntimeApiHttp(LambdaRuntimeApiConnectionDetails connectionDetails,
			LambdaExtensionProperties properties) {
		return new RuntimeApiHttp(connectionDetails.getAddress(), properties.getRequestTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	ExtensionsApiClient lambdaExtensionsApiClient(RuntimeApiHttp http) {
		return new DefaultExtensionsApiClient(http);
	}

	@Bean(LambdaExtensionRunListener.REGISTRATION_BEAN_NAME)
	@ConditionalOnMissingBean
	ExtensionRegistration lambdaExtensionRegistration(ExtensionsApiClient client, Environment environment,
			LambdaExtensionProperties properties) {
		return RegistrationRequest.of(properties, environment).start(client);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnExtensionMode(LambdaExtensionProperties.Mode.EXTERNAL)
	ExtensionExitHandler lambdaExtensionExitHandler() {
		return System::exit;
	}

	@Bean
	@ConditionalOnMissingBean
	ExtensionTerminator lambdaExtensionTerminator(ConfigurableApplicationContext context,
			ObjectProvider<ExtensionExitHandler> exitHandler, LambdaExtensionProperties properties,
			Environment environment) {
		if (ExecutionMode.of(properties, environment).isInternal()) {
			return ExtensionTerminator.leavingProcessAlone();
		}
		return new ExtensionTerminator(context, exitHandler.getObject(), properties.getShutdown().isExitProcess());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnExtensionMode(LambdaExtensionProperties.Mode.INTERNAL)
	InternalExtensionShutdown lambdaInternalExtensionShutdown(ExtensionEventLoop loop,
			ObjectProvider<TelemetryDrain> drain, ApplicationEventPublisher publisher,
			LambdaExtensionProperties properties) {
		return new InternalExtensionShutdown(loop, drain.getIfAvailable(() -> TelemetryDrain.NONE), publisher,
				properties.getShutdown().getInternalDrainTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	ExtensionEventLoop lambdaExtensionEventLoop(ExtensionsApiClient client, ExtensionRegistration registration,
			ObjectProvider<ExtensionLifecycleParticipant> participants, ApplicationEventPublisher publisher,
			ExtensionTerminator terminator, LambdaExtensionProperties properties,
			ObjectProvider<ExtensionObserver> observers, ObjectProvider<InvocationBarrier> barrier,
			ObjectProvider<TelemetryDrain> drain) {
		LambdaExtensionProperties.Retry retry = properties.getRetry();
		ExtensionEventLoop loop = new ExtensionEventLoop(client, registration, participants.orderedStream().toList(),
				publisher, new RetryBackoff(retry.getMaxAttempts(), retry.getInitialDelay(), retry.getMaxDelay()),
				terminator);
		loop.setObserver(ExtensionObserver.composite(observers.orderedStream().toList()));
		loop.setShutdownMargin(properties.getShutdown().getSafetyMargin());
		barrier.ifAvailable(loop::setInvocationBarrier);
		drain.ifAvailable(loop::setTelemetryDrain);
		return loop;
	}

}
