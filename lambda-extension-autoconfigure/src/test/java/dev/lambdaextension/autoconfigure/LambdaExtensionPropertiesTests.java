package dev.lambdaextension.autoconfigure;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.lambdaextension.client.TelemetryApiLimits;
import dev.lambdaextension.telemetry.dispatch.DispatchOptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LambdaExtensionProperties}.
 */
class LambdaExtensionPropertiesTests {

	private final LambdaExtensionProperties properties = new LambdaExtensionProperties();

	@Test
	void dispatchDefaultValuesAreConsistent() {
		DispatchOptions options = DispatchOptions.defaults();
		LambdaExtensionProperties.Dispatch dispatch = this.properties.getTelemetry().getDispatch();
		assertThat(dispatch.getQueueCapacity()).isEqualTo(options.getCapacity());
		assertThat(dispatch.getOverflowStrategy()).isEqualTo(options.getOverflowStrategy());
	}

	@Test
	void bufferingDefaultsShouldLieWithinTheDocumentedRanges() {
		LambdaExtensionProperties.Buffering buffering = this.properties.getTelemetry().getBuffering();
		assertThat(buffering.getMaxItems()).isBetween(TelemetryApiLimits.MIN_MAX_ITEMS, TelemetryApiLimits.MAX_MAX_ITEMS);
		assertThat(buffering.getMaxBytes().toBytes()).isBetween(TelemetryApiLimits.MIN_MAX_BYTES,
				TelemetryApiLimits.MAX_MAX_BYTES);
		assertThat(buffering.getTimeout()).isNull();
	}

	@Test
	void bufferingBoundsShouldBeInclusive() {
		LambdaExtensionProperties.Buffering buffering = this.properties.getTelemetry().getBuffering();
		buffering.setMaxItems(TelemetryApiLimits.MAX_MAX_ITEMS);
		buffering.setTimeout(Duration.ofMillis(TelemetryApiLimits.MAX_TIMEOUT_MS));
		buffering.setMaxBytes(DataSize.ofBytes(TelemetryApiLimits.MAX_MAX_BYTES));
		assertThatIllegalArgumentException().isThrownBy(() -> buffering.setMaxItems(TelemetryApiLimits.MAX_MAX_ITEMS + 1))
			.withMessage("'maxItems' must be between 1000 and 10000");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> buffering.setMaxBytes(DataSize.ofBytes(262_143)))
			.withMessageContaining("'maxBytes' must be between 262144 and 1048576");
	}

	@Test
	void unknownTelemetryStreamShouldBeRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.properties.getTelemetry().setTypes(List.of("platform", "logs")))
			.withMessage("'types' must contain only [platform, function, extension], not 'logs'");
	}

	@Test
	void misspelledTelemetryStreamShouldBeRefusedSuggestingTheNearestStream() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.properties.getTelemetry().setTypes(List.of("platfrom")))
			.withMessage("'types' must contain only [platform, function, extension], not 'platfrom' "
					+ "(did you mean 'platform'?)");
	}

	@Test
	void additionalTypesShouldStartWithPlatform() {
		this.properties.getTelemetry().setAdditionalTypes(List.of("platform.fault"));
		assertThat(this.properties.getTelemetry().getAdditionalTypes()).containsExactly("platform.fault");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.properties.getTelemetry().setAdditionalTypes(List.of("fault")))
			.withMessage("'additionalTypes' must contain only types starting with 'platform.', not 'fault'");
	}

	@Test
	void formerListenerNamesShouldStillConfigureTheReceiver() {
		LambdaExtensionProperties bound = LambdaExtensionProperties.bind(new MockEnvironment()
			.withProperty("lambda.extension.telemetry.listener.port", "4243")
			.withProperty("lambda.extension.telemetry.listener.read-timeout", "2s"));
		assertThat(bound.getTelemetry().getReceiver().getPort()).isEqualTo(4243);
		assertThat(bound.getTelemetry().getReceiver().getReadTimeout()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void formerListenerNamesShouldBeDeprecatedInTheMetadataInFavourOfTheReceiver() throws Exception {
		JsonNode metadata;
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = JsonMapper.shared().readTree(in);
		}
		List<String> receiverProperties = new ArrayList<>();
		Map<String, String> replacements = new TreeMap<>();
		for (JsonNode property : metadata.path("properties")) {
			String name = property.path("name").asString();
			if (name.startsWith("lambda.extension.telemetry.receiver.")) {
				receiverProperties.add(name);
			}
			if (name.startsWith("lambda.extension.telemetry.listener.")) {
				replacements.put(name, property.path("deprecation").path("replacement").asString(null));
			}
		}
		assertThat(receiverProperties).isNotEmpty();
		assertThat(replacements).hasSameSizeAs(receiverProperties);
		replacements.forEach((name, replacement) -> assertThat(replacement)
			.isEqualTo(name.replace(".telemetry.listener.", ".telemetry.receiver.")));
	}

}
