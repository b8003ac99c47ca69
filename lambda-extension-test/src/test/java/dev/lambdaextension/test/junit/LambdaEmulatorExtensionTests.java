package dev.lambdaextension.test.junit;

import java.net.http.HttpResponse;

import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.support.ApiClient;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

@EmbeddedLambdaEmulator(functionName = "junit-function", telemetrySupported = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LambdaEmulatorExtensionTests {

	private static LambdaEmulator first;

	@Test
	@Order(1)
	void emulatorShouldBeResolvedAndConfiguredFromAnnotation(LambdaEmulator emulator) {
		first = emulator;
		HttpResponse<String> response = new ApiClient(emulator.runtimeApi()).register("ext-a", "{}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(ApiClient.json(response.body())).containsEntry("functionName", "junit-function");
		String id = response.headers().firstValue("Lambda-Extension-Identifier").orElseThrow();
		assertThat(new ApiClient(emulator.runtimeApi())
			.subscribe(LambdaEmulator.TELEMETRY_PATH, id, "{}")
			.statusCode()).isEqualTo(202);
	}

	@Test
	@Order(2)
	void emulatorShouldBeSharedByTheTestClass(LambdaEmulator emulator) {
		assertThat(emulator).isSameAs(first);
		assertThat(emulator.extensions()).extracting("name").containsExactly("ext-a");
	}

}
