package dev.lambdaextension.autoconfigure;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.ConfigurationCondition;

/**
 * Matches when telemetry listeners have a source: the Telemetry API
 * ({@code lambda.extension.telemetry.enabled}, on unless set to {@code false}) or the Logs
 * API ({@code lambda.extension.logs.enabled}).
 */
class OnTelemetrySourceCondition extends AnyNestedCondition {

	OnTelemetrySourceCondition() {
		super(ConfigurationCondition.ConfigurationPhase.PARSE_CONFIGURATION);
	}

	@ConditionalOnBooleanProperty(name = "lambda.extension.telemetry.enabled", matchIfMissing = true)
	static class TelemetryApi {

	}

	@ConditionalOnBooleanProperty(name = LogsApiMode.ENABLED_PROPERTY)
	static class LogsApi {

	}

}
