package dev.lambdaextension.autoconfigure;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Details for a connection to the Lambda runtime API, as the auto-configured clients use
 * it. By default the address comes from {@code lambda.extension.runtime-api}, else
 * {@code AWS_LAMBDA_RUNTIME_API}; a bean of this type replaces it, for example to go
 * through a proxy in a test. The extension still activates only where one of those two
 * names is set, and a registration made when the process starts (early registration)
 * uses them before any bean exists: turn {@code lambda.extension.early-registration} off
 * for this bean to count from the first call.
 *
 * @since 0.2.0
 */
public interface LambdaRuntimeApiConnectionDetails extends ConnectionDetails {

	/**
	 * Return the address of the runtime API.
	 * @return the address, as {@code host:port}
	 */
	String getAddress();

}
