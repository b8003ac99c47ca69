package dev.lambdaextension.test.launcher;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.lambdaextension.test.emulator.LambdaEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FunctionProcess}: the runtime's environment, and the stop Lambda gives
 * the runtime.
 */
class FunctionProcessTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final LambdaEmulator emulator = LambdaEmulator.start();

	private FunctionProcess function;

	@AfterEach
	void tearDown() {
		if (this.function != null) {
			this.function.close();
		}
		this.emulator.close();
	}

	@Test
	void functionShouldSeeTheRuntimeEnvironmentAndStopOnSigterm() {
		this.function = start("echo \"handler=$_HANDLER api=$AWS_LAMBDA_RUNTIME_API\"; trap 'echo terminated; exit 0' TERM; "
				+ "echo ready; while :; do sleep 1 & wait $!; done");
		this.function.awaitOutputLine("ready", WAIT);
		assertThat(this.function.outputLines())
			.contains("handler=example.Handler::handleRequest api=" + this.emulator.runtimeApi());
		assertThat(this.function.stop(WAIT)).isZero();
		assertThat(this.function.outputLines()).contains("terminated");
	}

	@Test
	void functionIgnoringSigtermShouldBeKilledAfterTheGracePeriod() {
		this.function = start("trap '' TERM; echo ready; while :; do sleep 1 & wait $!; done");
		this.function.awaitOutputLine("ready", WAIT);
		assertThat(this.function.stop(Duration.ofMillis(200))).isEqualTo(137);
	}

	private FunctionProcess start(String script) {
		return FunctionProcess.start(this.emulator, "example.Handler::handleRequest", List.of("sh", "-c", script),
				Map.of(), (line) -> {
				});
	}

}
