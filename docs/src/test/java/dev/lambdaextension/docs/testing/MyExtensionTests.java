package dev.lambdaextension.docs.testing;

import java.time.Duration;

import dev.lambdaextension.docs.telemetry.TelemetryListeners;
import dev.lambdaextension.test.emulator.InvocationStatus;
import dev.lambdaextension.test.emulator.InvokeRequest;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.junit.EmbeddedLambdaEmulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.awaitility.Awaitility.await;

/**
 * Testing an extension with the embedded emulator.
 */
// tag::test[]
@SpringBootTest
@EmbeddedLambdaEmulator(functionName = "orders-api")
class MyExtensionTests {

	@Autowired
	LambdaEmulator lambda;

	@Autowired
	TelemetryListeners listeners;

	@Test
	void failedInvocationIsCounted() {
		this.lambda.awaitInitComplete(Duration.ofSeconds(10));
		this.lambda.invoke(InvokeRequest.builder().status(InvocationStatus.ERROR).errorType("Runtime.ExitError").build())
			.awaitExtensionsDone(Duration.ofSeconds(10));
		// As on Lambda, the invocation's platform.report arrives with the next thaw.
		this.lambda.invoke().awaitExtensionsDone(Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.listeners.errors() > 0);
	}

}
// end::test[]
