package dev.lambdaextension.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Finds the Lambda runtime API address: the {@code lambda.extension.runtime-api} property,
 * else the {@code AWS_LAMBDA_RUNTIME_API} environment variable. Settings are bound as the
 * context binds them, so relaxed names count the same everywhere.
 */
final class LambdaRuntimeApiAddress {

	static final String PROPERTY = "lambda.extension.runtime-api";

	static final String ENVIRONMENT_VARIABLE = "AWS_LAMBDA_RUNTIME_API";

	static final String ENABLED_PROPERTY = "lambda.extension.enabled";

	private LambdaRuntimeApiAddress() {
	}

	static @Nullable String find(Environment environment) {
		String address = Binder.get(environment).bind(PROPERTY, String.class).orElse(null);
		if (!StringUtils.hasText(address)) {
			address = environment.getProperty(ENVIRONMENT_VARIABLE);
		}
		return StringUtils.hasText(address) ? address.trim() : null;
	}

	static String require(Environment environment) {
		String address = find(environment);
		if (address == null) {
			throw new IllegalStateException(
					"No Lambda runtime API address: set " + PROPERTY + " or " + ENVIRONMENT_VARIABLE);
		}
		return address;
	}

	static boolean isEnabled(Environment environment) {
		return Binder.get(environment).bind(ENABLED_PROPERTY, Boolean.class).orElse(true);
	}

	static boolean isActive(Environment environment) {
		return isEnabled(environment) && find(environment) != null;
	}

}
