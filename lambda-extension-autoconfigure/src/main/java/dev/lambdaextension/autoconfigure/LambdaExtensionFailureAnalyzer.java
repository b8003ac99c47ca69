package dev.lambdaextension.autoconfigure;

import dev.lambdaextension.client.ExtensionsApiException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up failure of the Extensions API: a refused registration or an
 * unreachable runtime API.
 */
class LambdaExtensionFailureAnalyzer extends AbstractFailureAnalyzer<ExtensionsApiException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ExtensionsApiException cause) {
		String action = (cause.getStatus() == 0)
				? "Check that AWS_LAMBDA_RUNTIME_API (or lambda.extension.runtime-api) names a running Lambda runtime API."
				: "Check that lambda.extension.name equals the file name of the launcher in /opt/extensions "
						+ "and that lambda.extension.events suits the kind of extension.";
		return new FailureAnalysis("Lambda extension could not start: " + cause.getMessage(), action, cause);
	}

}
