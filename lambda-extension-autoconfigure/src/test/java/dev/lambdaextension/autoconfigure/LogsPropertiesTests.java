package dev.lambdaextension.autoconfigure;

import java.time.Duration;
import java.util.List;

import dev.lambdaextension.client.LogsApiLimits;
import dev.lambdaextension.client.LogsSubscription;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LogsProperties}.
 */
class LogsPropertiesTests {

	private final LogsProperties properties = new LogsProperties();

	@Test
	void defaultsShouldBeLambdasDocumentedOnes() {
		assertThat(this.properties.isEnabled()).isFalse();
		assertThat(this.properties.getTypes()).isEmpty();
		assertThat(this.properties.getSchemaVersion()).isEqualTo(LogsApiLimits.SCHEMA_2021_03_18);
		assertThat(this.properties.getMethod()).isEqualTo(LogsSubscription.DeliveryMethod.POST);
		assertThat(this.properties.getBuffering().getMaxItems()).isEqualTo(LogsApiLimits.DEFAULT_MAX_ITEMS);
		assertThat(this.properties.getBuffering().getMaxBytes().toBytes()).isEqualTo(LogsApiLimits.DEFAULT_MAX_BYTES);
		assertThat(this.properties.getBuffering().getTimeout()).isNull();
	}

	@Test
	void valuesOutsideTheDocumentedRangesShouldBeRefused() {
		LogsProperties.Buffering buffering = this.properties.getBuffering();
		assertThatIllegalArgumentException().isThrownBy(() -> buffering.setMaxItems(10_001))
			.withMessage("'maxItems' must be between 1000 and 10000");
		assertThatIllegalArgumentException().isThrownBy(() -> buffering.setMaxBytes(DataSize.ofKilobytes(255)))
			.withMessage("'maxBytes' must be between 262144 and 1048576 bytes (256KB and 1MB)");
		assertThatIllegalArgumentException().isThrownBy(() -> buffering.setTimeout(Duration.ofSeconds(31)))
			.withMessage("'timeout' must be between 25ms and 30000ms");
		assertThatIllegalArgumentException().isThrownBy(() -> this.properties.setSchemaVersion("2022-07-01"))
			.withMessage("'schemaVersion' must be one of [2021-03-18, 2020-08-15]");
		assertThatIllegalArgumentException().isThrownBy(() -> this.properties.setTypes(List.of("fuction")))
			.withMessage("'types' must contain only [platform, function, extension], not 'fuction' (did you mean 'function'?)");
	}

	@Test
	void valuesAtTheLimitsShouldBeAccepted() {
		LogsProperties.Buffering buffering = this.properties.getBuffering();
		buffering.setMaxItems(1_000);
		buffering.setMaxBytes(DataSize.ofMegabytes(1));
		buffering.setTimeout(Duration.ofMillis(25));
		this.properties.setSchemaVersion("2020-08-15");
		assertThat(buffering.getMaxItems()).isEqualTo(1_000);
		assertThat(buffering.getMaxBytes()).isEqualTo(DataSize.ofMegabytes(1));
		assertThat(buffering.getTimeout()).isEqualTo(Duration.ofMillis(25));
	}

}
