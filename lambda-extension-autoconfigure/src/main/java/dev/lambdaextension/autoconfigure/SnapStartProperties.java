package dev.lambdaextension.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of SnapStart support.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("lambda.extension.snap-start")
public class SnapStartProperties {

	/**
	 * Whether to publish an ExtensionRestoredEvent when Lambda restores a SnapStart
	 * environment (AWS_LAMBDA_INITIALIZATION_TYPE is snap-start), from the restore's
	 * platform telemetry. On, the subscription includes the platform stream.
	 */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
