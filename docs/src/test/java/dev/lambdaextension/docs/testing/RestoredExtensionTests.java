package dev.lambdaextension.docs.testing;

import java.time.Duration;

import dev.lambdaextension.docs.lifecycle.RestoreListener;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.junit.EmbeddedLambdaEmulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.awaitility.Awaitility.await;

/**
 * Testing an extension in a SnapStart environment.
 */
// tag::test[]
@SpringBootTest
@EmbeddedLambdaEmulator(snapStart = true)
class RestoredExtensionTests {

	@Autowired
	LambdaEmulator lambda;

	@Autowired
	RestoreListener restores;

	@Test
	void restoreIsSeenAfterTheFirstInvoke() {
		this.lambda.awaitInitComplete(Duration.ofSeconds(10));
		this.lambda.restore();
		// The restore telemetry reaches the extension once the environment runs again.
		this.lambda.invoke().awaitExtensionsDone(Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.restores.lastRestore() != null);
	}

}
// end::test[]
