package dev.lambdaextension.autoconfigure;

import dev.lambdaextension.autoconfigure.ExtensionNameResolver.ExtensionNameMissingException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a missing extension name.
 */
class ExtensionNameFailureAnalyzer extends AbstractFailureAnalyzer<ExtensionNameMissingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ExtensionNameMissingException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set lambda.extension.name to the file name of the extension's launcher in /opt/extensions.", cause);
	}

}
