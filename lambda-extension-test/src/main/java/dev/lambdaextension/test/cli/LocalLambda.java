package dev.lambdaextension.test.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.lambdaextension.test.emulator.EmulatedFunctionLog;
import dev.lambdaextension.test.emulator.Invocation;
import dev.lambdaextension.test.emulator.InvocationStatus;
import dev.lambdaextension.test.emulator.InvokeRequest;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.emulator.LambdaEmulatorBuilder;
import dev.lambdaextension.test.emulator.LambdaEmulatorTimeoutException;
import dev.lambdaextension.test.launcher.ExtensionReport;
import dev.lambdaextension.test.launcher.LambdaSession;
import dev.lambdaextension.test.launcher.LambdaSessionException;
import dev.lambdaextension.test.launcher.ShutdownReport;
import org.jspecify.annotations.Nullable;

/**
 * Runs the extensions of a directory through Init, a number of invocations and Shutdown against a local
 * emulator, printing a transcript. Exits 0 when every extension exited with code 0 before the shutdown deadline.
 * <pre>
 * java -cp lambda-extension-test.jar dev.lambdaextension.test.cli.LocalLambda --extensions-dir DIR
 *     [--invocations N] [--shutdown-reason spindown|timeout|failure] [--shutdown-budget-ms MS] [--port P]
 *     [--function-name NAME] [--init-timeout-ms MS] [--scenario]
 * </pre>
 * With {@code --scenario}, invocation 2 ends in error ({@code Runtime.ExitError}) and invocation 3 in a timeout
 * when at least 3 invocations run. {@code --init-timeout-ms} defaults to Lambda's on-demand Init limit, 10,000 ms.
 * When Init fails, each extension not waiting for events is printed with the reason and its last
 * 20 output lines.
 *
 * @since 0.1.0
 */
public final class LocalLambda {

	private static final Set<String> REASONS = Set.of("spindown", "timeout", "failure");

	private static final Duration DEFAULT_INIT_TIMEOUT = Duration.ofSeconds(10);

	private LocalLambda() {
	}

	/**
	 * Entry point.
	 * @param args the command-line arguments
	 */
	public static void main(String[] args) {
		int status;
		try {
			status = run(args, System.out, System.err);
		}
		catch (Throwable ex) {
			ex.printStackTrace();
			status = 1;
		}
		System.exit(status);
	}

	/**
	 * Run the tool.
	 * @param args the command-line arguments
	 * @param out where the transcript goes
	 * @param err where usage errors go
	 * @return the exit code
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			err.println("error: " + ex.getMessage());
			err.println(Options.USAGE);
			return 2;
		}
		if (options.help) {
			out.println(Options.USAGE);
			return 0;
		}
		LambdaEmulatorBuilder emulator = LambdaEmulator.builder()
			.port(options.port)
			.functionName(options.functionName)
			.initTimeout(options.initTimeout);
		LambdaSession session;
		try {
			session = LambdaSession.builder()
				.extensionsDir(Objects.requireNonNull(options.extensionsDir, "--extensions-dir"))
				.emulator(emulator)
				.output(out::println)
				.build();
		}
		catch (RuntimeException ex) {
			err.println("error: " + ex.getMessage());
			return 1;
		}
		try (session) {
			out.println("Lambda emulator listening on " + session.emulator().runtimeApi() + " for function "
					+ options.functionName + "; extensions: " + String.join(", ", session.extensionNames()));
			try {
				session.init();
			}
			catch (LambdaSessionException ex) {
				InitFailureReport.print(session, out::println);
				out.println("RESULT: FAILED, " + ex.getMessage() + timeoutHint(ex));
				return 1;
			}
			for (ExtensionReport report : session.reports()) {
				out.println("INIT: " + report.name() + " registered after " + millis(report.registered())
						+ ", subscribed to telemetry after " + millis(report.telemetrySubscribed())
						+ ", first next after " + millis(report.firstNext()));
			}
			for (int i = 1; i <= options.invocations; i++) {
				InvokeRequest request = request(options, i);
				Invocation invocation = session.invoke(request);
				Map<String, Duration> durations = session.awaitExtensionsDone(invocation, Duration.ofSeconds(5));
				StringBuilder line = new StringBuilder();
				line.append(String.format(Locale.ROOT, "INVOKE %d/%d%s status=%s", i, options.invocations,
						(i == 1) ? " (cold start)" : "", request.status().wireName()));
				if (request.errorType() != null) {
					line.append(" errorType=").append(request.errorType());
				}
				line.append(" requestId=").append(invocation.requestId());
				durations.forEach((name, duration) -> line.append(' ')
					.append(name)
					.append(" INVOKE->next ")
					.append(millis(duration)));
				out.println(line);
			}
			ShutdownReport report = session.shutdown(options.shutdownReason, options.shutdownBudget);
			if (report.clean()) {
				out.println("RESULT: OK, every extension exited with code 0 before the deadline");
				return 0;
			}
			out.println("RESULT: FAILED, " + failureReason(report));
			return 1;
		}
		catch (LambdaSessionException | IllegalStateException ex) {
			out.println("RESULT: FAILED, " + ex.getMessage());
			return 1;
		}
	}

	private static String timeoutHint(LambdaSessionException ex) {
		return (ex.getCause() instanceof LambdaEmulatorTimeoutException)
				? "; raise the limit with --init-timeout-ms (default " + DEFAULT_INIT_TIMEOUT.toMillis()
						+ ", Lambda's on-demand Init limit)"
				: "";
	}

	private static InvokeRequest request(Options options, int index) {
		InvokeRequest.Builder builder = InvokeRequest.builder().log("START handling invocation " + index);
		if (options.scenario && options.invocations >= 3 && index == 2) {
			builder.status(InvocationStatus.ERROR)
				.errorType("Runtime.ExitError")
				.log(EmulatedFunctionLog.error("Runtime exited with error: exit status 1"));
		}
		else if (options.scenario && options.invocations >= 3 && index == 3) {
			builder.status(InvocationStatus.TIMEOUT).log(EmulatedFunctionLog.error("Task timed out"));
		}
		return builder.build();
	}

	private static String failureReason(ShutdownReport report) {
		StringBuilder reason = new StringBuilder();
		for (ExtensionReport extension : report.extensions()) {
			if (!extension.exitedCleanly()) {
				if (reason.length() > 0) {
					reason.append("; ");
				}
				reason.append(extension.name());
				if (extension.killed()) {
					reason.append(" was killed (did not exit before the deadline)");
				}
				else if (extension.crashed()) {
					reason.append(" crashed (Extension.Crash)");
				}
				else {
					reason.append(" exited with code ").append(extension.exitCode());
				}
			}
		}
		return reason.toString();
	}

	private static String millis(@Nullable Duration duration) {
		return (duration != null) ? String.format(Locale.ROOT, "%.1f ms", duration.toNanos() / 1_000_000.0) : "n/a";
	}

	private static final class Options {

		static final String USAGE = "usage: LocalLambda --extensions-dir <dir> [--invocations <n>] "
				+ "[--shutdown-reason spindown|timeout|failure] [--shutdown-budget-ms <ms>] [--port <p>] "
				+ "[--function-name <name>] [--init-timeout-ms <ms, default 10000>] [--scenario]";

		@Nullable Path extensionsDir;

		int invocations = 5;

		String shutdownReason = "spindown";

		Duration shutdownBudget = Duration.ofMillis(2000);

		Duration initTimeout = DEFAULT_INIT_TIMEOUT;

		int port;

		String functionName = "local-function";

		boolean scenario;

		boolean help;

		static Options parse(String[] args) {
			Options options = new Options();
			for (int i = 0; i < args.length; i++) {
				String arg = args[i];
				switch (arg) {
					case "--help", "-h" -> options.help = true;
					case "--scenario" -> options.scenario = true;
					case "--extensions-dir" -> options.extensionsDir = Path.of(value(args, ++i, arg));
					case "--invocations" -> options.invocations = number(value(args, ++i, arg), arg, 0);
					case "--port" -> options.port = number(value(args, ++i, arg), arg, 0);
					case "--function-name" -> options.functionName = value(args, ++i, arg);
					case "--shutdown-budget-ms" ->
						options.shutdownBudget = Duration.ofMillis(number(value(args, ++i, arg), arg, 1));
					case "--init-timeout-ms" ->
						options.initTimeout = Duration.ofMillis(number(value(args, ++i, arg), arg, 1));
					case "--shutdown-reason" -> {
						String reason = value(args, ++i, arg).toLowerCase(Locale.ROOT);
						if (!REASONS.contains(reason)) {
							throw new IllegalArgumentException("--shutdown-reason must be spindown, timeout or failure");
						}
						options.shutdownReason = reason;
					}
					default -> throw new IllegalArgumentException("unknown option " + arg);
				}
			}
			if (!options.help) {
				if (options.extensionsDir == null) {
					throw new IllegalArgumentException("--extensions-dir is required");
				}
				if (!Files.isDirectory(options.extensionsDir)) {
					throw new IllegalArgumentException(options.extensionsDir + " is not a directory");
				}
			}
			return options;
		}

		private static String value(String[] args, int index, String option) {
			if (index >= args.length) {
				throw new IllegalArgumentException(option + " needs a value");
			}
			return args[index];
		}

		private static int number(String value, String option, int min) {
			try {
				int number = Integer.parseInt(value);
				if (number < min) {
					throw new IllegalArgumentException(option + " must be at least " + min);
				}
				return number;
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(option + " must be a number", ex);
			}
		}

	}

}
