package dev.lambdaextension.autoconfigure;

import java.time.Duration;

import dev.lambdaextension.client.DefaultExtensionsApiClient;
import dev.lambdaextension.client.RuntimeApiHttp;
import dev.lambdaextension.lifecycle.ExtensionEventLoop;
import dev.lambdaextension.lifecycle.ExtensionRegistration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Registers the extension as soon as the environment is prepared, on a thread of its own,
 * while the application context is still being built: Lambda starts the function's
 * runtime only once every extension has registered. The registration in progress is handed
 * to the context as a bean. If the application then fails to start, the failure is reported
 * through {@code init/error}.
 */
class LambdaExtensionRunListener implements SpringApplicationRunListener, Ordered {

	private static final Log logger = LogFactory.getLog(LambdaExtensionRunListener.class);

	static final String REGISTRATION_BEAN_NAME = "lambdaExtensionRegistration";

	static final String HTTP_BEAN_NAME = "lambdaRuntimeApiHttp";

	private @Nullable RuntimeApiHttp http;

	private @Nullable ExtensionRegistration registration;

	LambdaExtensionRunListener(SpringApplication application, String[] args) {
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext,
			ConfigurableEnvironment environment) {
		if (!LambdaRuntimeApiAddress.isActive(environment)) {
			return;
		}
		LambdaExtensionProperties properties = Binder.get(environment)
			.bindOrCreate("lambda.extension", LambdaExtensionProperties.class);
		if (!properties.isEarlyRegistration()) {
			return;
		}
		this.http = new RuntimeApiHttp(LambdaRuntimeApiAddress.find(environment), JsonMapper.shared(),
				properties.getRequestTimeout());
		this.registration = ExtensionRegistration.start(new DefaultExtensionsApiClient(this.http),
				ExtensionNameResolver.resolve(environment), properties.getEvents(), properties.isAcceptAccountId());
	}

	@Override
	public void contextPrepared(ConfigurableApplicationContext context) {
		if (this.registration != null) {
			context.getBeanFactory().registerSingleton(HTTP_BEAN_NAME, this.http);
			context.getBeanFactory().registerSingleton(REGISTRATION_BEAN_NAME, this.registration);
		}
	}

	@Override
	public void started(ConfigurableApplicationContext context, Duration timeTaken) {
		if (context.getBeanNamesForType(ExtensionEventLoop.class, false, false).length == 0
				&& context.getEnvironment().getProperty("lambda.extension.enabled", Boolean.class, true)) {
			logger.info("Lambda extension inactive: no Lambda runtime API address "
					+ "(AWS_LAMBDA_RUNTIME_API or lambda.extension.runtime-api)");
		}
	}

	@Override
	public void failed(@Nullable ConfigurableApplicationContext context, Throwable exception) {
		if (this.registration != null) {
			this.registration.reportInitError(exception);
		}
	}

}
