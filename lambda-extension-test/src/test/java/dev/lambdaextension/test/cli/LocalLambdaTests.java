package dev.lambdaextension.test.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.lambdaextension.test.support.FakeExtensions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LocalLambdaTests {

	@TempDir
	Path root;

	@Test
	void runShouldDriveExtensionThroughScenarioAndExitZero() throws Exception {
		Path extensions = FakeExtensions.write(this.root, "cli-ext", "normal");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = LocalLambda.run(new String[] { "--extensions-dir", extensions.toString(), "--invocations", "3",
				"--scenario", "--shutdown-reason", "timeout", "--function-name", "cli-fn", "--init-timeout-ms", "40000",
				"--shutdown-budget-ms", "5000" }, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		String transcript = out.toString(StandardCharsets.UTF_8);
		assertThat(code).as(transcript + err).isZero();
		assertThat(transcript).contains("INIT: 1 extension(s) registered", "[cli-ext] registered as cli-ext for cli-fn",
				"INVOKE 1/3 (cold start) status=success", "INVOKE 2/3 status=error errorType=Runtime.ExitError",
				"INVOKE 3/3 status=timeout", "cli-ext INVOKE->next", "[cli-ext] shutdown timeout",
				"SHUTDOWN: cli-ext exit code 0", "RESULT: OK");
		assertThat(transcript).containsPattern("requestId=[0-9a-f-]{36}");
	}

	@Test
	void runWithoutExtensionsDirShouldFailWithUsage() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = LocalLambda.run(new String[0], new PrintStream(new ByteArrayOutputStream()),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(code).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("--extensions-dir is required", "usage:");
	}

}
