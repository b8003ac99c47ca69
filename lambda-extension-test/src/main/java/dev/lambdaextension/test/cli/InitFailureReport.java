package dev.lambdaextension.test.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.lambdaextension.test.emulator.EmulatedExtension;
import dev.lambdaextension.test.emulator.EmulatedExtensionState;
import dev.lambdaextension.test.launcher.LambdaSession;
import dev.lambdaextension.test.launcher.LaunchedExtension;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints, after a failed Init, why each extension that is not waiting for events failed, followed by its last
 * output lines. Only the extensions' own stdout and stderr are printed, never telemetry.
 */
final class InitFailureReport {

	static final int TAIL_LINES = 20;

	private static final Duration OUTPUT_WAIT = Duration.ofSeconds(2);

	private static final int MAX_BODY_CHARS = 200;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private InitFailureReport() {
	}

	static void print(LambdaSession session, Consumer<String> out) {
		for (LaunchedExtension extension : session.launched()) {
			EmulatedExtension state = session.emulator().extension(extension.name());
			if (state != null && state.state() == EmulatedExtensionState.READY) {
				continue;
			}
			boolean exiting = !extension.process().isAlive() || (state != null && state.state().isTerminal());
			if (exiting && extension.awaitExit(OUTPUT_WAIT)) {
				extension.awaitOutput(OUTPUT_WAIT);
			}
			List<String> lines = extension.outputLines();
			List<String> tail = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
			out.accept("INIT FAILED: " + extension.name() + " " + reason(extension, state) + "; last " + tail.size()
					+ " of " + lines.size() + " output line(s):");
			tail.forEach((line) -> out.accept("[" + extension.name() + "] " + line));
		}
	}

	private static String reason(LaunchedExtension extension, @Nullable EmulatedExtension state) {
		if (state != null && state.state() == EmulatedExtensionState.INIT_ERROR) {
			return "called init/error (Extension.InitError) with error type " + state.initErrorType()
					+ body(state.initErrorBody());
		}
		if (state != null && state.state() == EmulatedExtensionState.EXIT_ERROR) {
			return "called exit/error (Extension.ExitError) with error type " + state.exitErrorType()
					+ body(state.exitErrorBody());
		}
		Integer exitCode = extension.exitCode();
		if (exitCode != null) {
			return "exited with code " + exitCode + " before " + ((state == null) ? "registering" : "calling next")
					+ " (Extension.Crash)";
		}
		return "is still running and has not " + ((state == null) ? "registered" : "called next");
	}

	private static String body(@Nullable String body) {
		if (body == null || body.isBlank()) {
			return "";
		}
		try {
			if (JSON.readValue(body, Object.class) instanceof Map<?, ?> fields
					&& (fields.containsKey("errorType") || fields.containsKey("errorMessage"))) {
				return ", errorType " + fields.get("errorType") + ", errorMessage \"" + fields.get("errorMessage")
						+ "\"";
			}
		}
		catch (JacksonException ex) {
			// not JSON: the raw body follows
		}
		String text = body.strip();
		return ", body " + ((text.length() > MAX_BODY_CHARS) ? text.substring(0, MAX_BODY_CHARS) + "..." : text);
	}

}
