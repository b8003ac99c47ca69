package dev.lambdaextension.autoconfigure;

import java.util.List;

import dev.lambdaextension.lifecycle.RestoreTelemetryPublisher;
import dev.lambdaextension.listener.TelemetryListenerRegistry;
import dev.lambdaextension.telemetry.TelemetryStream;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of SnapStart support: in an environment whose
 * {@code AWS_LAMBDA_INITIALIZATION_TYPE} is {@code snap-start}, publishes an
 * {@link dev.lambdaextension.lifecycle.ExtensionRestoredEvent} once Lambda restored it.
 * Off with {@code lambda.extension.snap-start.enabled=false}, or without telemetry.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = LambdaTelemetryAutoConfiguration.class)
@ConditionalOnProperty(name = ExecutionMode.INITIALIZATION_TYPE_VARIABLE,
		havingValue = ExecutionMode.SNAP_START_TYPE)
@ConditionalOnBooleanProperty(name = "lambda.extension.snap-start.enabled", matchIfMissing = true)
@ConditionalOnBean(TelemetryListenerRegistry.class)
@EnableConfigurationProperties(SnapStartProperties.class)
public final class SnapStartAutoConfiguration {

	private static final Log logger = LogFactory.getLog(SnapStartAutoConfiguration.class);

	SnapStartAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	RestoreTelemetryPublisher restoreTelemetryPublisher(ApplicationEventPublisher publisher,
			LambdaExtensionProperties properties) {
		List<String> types = properties.getTelemetry().getTypes();
		if (!types.isEmpty() && !types.contains(TelemetryStream.PLATFORM.wireName())) {
			logger.warn("lambda.extension.telemetry.types " + types + " leaves out platform: no "
					+ "ExtensionRestoredEvent will be published (lambda.extension.snap-start.enabled=false "
					+ "silences this)");
		}
		return new RestoreTelemetryPublisher(publisher);
	}

}
