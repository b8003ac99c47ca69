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
	void runWhenExtensionExitsDuringInitShouldPrintReasonAndLastTwentyOutputLines() throws Exception {
		Path extensions = FakeExtensions.writeScript(this.root, "boom",
				"for i in $(seq 1 30); do echo \"line $i\"; done\nexit 1\n");
		Result result = run("--extensions-dir", extensions.toString(), "--init-timeout-ms", "40000");
		assertThat(result.code()).as(result.transcript()).isEqualTo(1);
		assertThat(result.transcript())
			.contains("INIT FAILED: boom exited with code 1 before registering (Extension.Crash); "
					+ "last 20 of 30 output line(s):")
			.contains("RESULT: FAILED, Init failed during registration: Status: error Error Type: Extension.Crash");
		assertThat(result.afterFailure()).startsWith("[boom] line 11\n")
			.contains("[boom] line 30\nRESULT: FAILED")
			.doesNotContain("line 10\n");
	}

	@Test
	void runWhenExtensionCallsInitErrorShouldPrintItsErrorTypeMessageAndOutput() throws Exception {
		Path extensions = FakeExtensions.write(this.root, "no-license", "init-error");
		Result result = run("--extensions-dir", extensions.toString(), "--init-timeout-ms", "40000");
		assertThat(result.code()).as(result.transcript()).isEqualTo(1);
		assertThat(result.transcript()).contains("INIT FAILED: no-license called init/error (Extension.InitError) "
				+ "with error type Extension.ConfigInvalid, errorType ConfigError, errorMessage \"license key missing\"")
			.contains("RESULT: FAILED, Init failed")
			.contains("Extension.InitError");
		assertThat(result.afterFailure()).contains("[no-license] registered as no-license for local-function",
				"[no-license] license key missing", "[no-license] init/error answered 202");
	}

	@Test
	void runWhenExtensionNeverRegistersShouldStateTheInitLimitAndTheFlag() throws Exception {
		Path extensions = FakeExtensions.writeScript(this.root, "silent",
				"echo 'waiting for a config server' >&2\nexec sleep 60\n");
		Result result = run("--extensions-dir", extensions.toString(), "--init-timeout-ms", "2000");
		assertThat(result.code()).as(result.transcript()).isEqualTo(1);
		assertThat(result.transcript())
			.contains("INIT FAILED: silent is still running and has not registered; last 1 of 1 output line(s):\n"
					+ "[silent] waiting for a config server\n")
			.contains("RESULT: FAILED, Init timed out (Status: timeout): the Init limit of 2000 ms passed",
					"raise the limit with --init-timeout-ms (default 10000, Lambda's on-demand Init limit)")
			.doesNotContain("Timed out after");
	}

	@Test
	void runWithoutExtensionsDirShouldFailWithUsage() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = LocalLambda.run(new String[0], new PrintStream(new ByteArrayOutputStream()),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(code).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("--extensions-dir is required", "usage:");
	}

	private static Result run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int code = LocalLambda.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(out, true, StandardCharsets.UTF_8));
		return new Result(code, out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
	}

	private record Result(int code, String transcript) {

		String afterFailure() {
			int start = this.transcript.indexOf("INIT FAILED: ");
			assertThat(start).as(this.transcript).isNotNegative();
			return this.transcript.substring(this.transcript.indexOf('\n', start) + 1);
		}

	}

}
