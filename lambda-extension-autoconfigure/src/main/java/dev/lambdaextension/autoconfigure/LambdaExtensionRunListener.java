package dev.lambdaextension.autoconfigure;

import java.time.Duration;

import dev.lambdaextension.client.DefaultExtensionsApiClient;
import dev.lambdaextension.client.RuntimeApiHttp;
import dev.lambdaextension.lifecycle.ExtensionEventLoop;
import dev.lambdaextension.lifecycle.ExtensionRegistration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Registers the extension as early as the process can, on a thread of its own, while the
 * application context is still being built: Lambda starts the function's runtime only once
 * every extension has registered. When the launcher passes {@code -Dlambda.extension.name}
 * and Lambda sets {@code AWS_LAMBDA_RUNTIME_API}, that is when the application starts,
 * before any configuration file is read (which is then checked to agree); otherwise it is
 * once the environment is prepared. The registration in progress is handed to the context
 * as a bean. If the application then fails to start, the failure is reported through
 * {@code init/error}.
 */
class LambdaExtensionRunListener implements SpringApplicationRunListener, Ordered {

	private static final Log logger = LogFactory.getLog(LambdaExtensionRunListener.class);

	static final String REGISTRATION_BEAN_NAME = "lambdaExtensionRegistration";

	static final String HTTP_BEAN_NAME = "lambdaRuntimeApiHttp";

	private static final Duration STARTING_REQUEST_TIMEOUT = Duration.ofSeconds(5);

	private @Nullable RuntimeApiHttp http;

	private @Nullable ExtensionRegistration registration;

	private @Nullable RegistrationRequest registered;

	LambdaExtensionRunListener(SpringApplication application, String[] args) {
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void starting(ConfigurableBootstrapContext bootstrapContext) {
		RegistrationRequest request = RegistrationRequest.fromSystem();
		if (request != null) {
			register(request, new RuntimeApiHttp(request.runtimeApi(), STARTING_REQUEST_TIMEOUT));
		}
	}

	@Override
	public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext,
			ConfigurableEnvironment environment) {
		if (!LambdaRuntimeApiAddress.isActive(environment)) {
			if (this.registered != null) {
				throw new IllegalStateException("The extension registered as " + this.registered
						+ " when the process started, but the configuration turns it off (lambda.extension.enabled "
						+ "or the runtime API address)");
			}
			return;
		}
		LambdaExtensionProperties properties = LambdaExtensionProperties.bind(environment);
		RegistrationRequest configured = RegistrationRequest.of(properties, environment);
		if (this.registered != null) {
			String difference = this.registered.firstDifference(configured);
			if (difference != null) {
				throw new IllegalStateException("The extension registered as " + this.registered
						+ " when the process started, before the configuration files were read, but " + difference
						+ " there asks for " + configured + ". Pass " + difference
						+ " as a system property, or start with -Dlambda.extension.early-registration=false");
			}
			this.http = new RuntimeApiHttp(configured.runtimeApi(), properties.getRequestTimeout());
			return;
		}
		if (properties.isEarlyRegistration()) {
			register(configured, new RuntimeApiHttp(configured.runtimeApi(), properties.getRequestTimeout()));
		}
	}

	private void register(RegistrationRequest request, RuntimeApiHttp http) {
		this.http = http;
		this.registered = request;
		this.registration = request.start(new DefaultExtensionsApiClient(http));
	}

	@Override
	public void contextPrepared(ConfigurableApplicationContext context) {
		RuntimeApiHttp http = this.http;
		if (this.registration != null && http != null) {
			context.getBeanFactory().registerSingleton(HTTP_BEAN_NAME, http);
			context.getBeanFactory().registerSingleton(REGISTRATION_BEAN_NAME, this.registration);
		}
	}

	@Override
	public void started(ConfigurableApplicationContext context, @Nullable Duration timeTaken) {
		if (context.getBeanNamesForType(ExtensionEventLoop.class, false, false).length == 0
				&& LambdaRuntimeApiAddress.isEnabled(context.getEnvironment())) {
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
