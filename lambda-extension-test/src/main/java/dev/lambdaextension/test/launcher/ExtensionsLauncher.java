package dev.lambdaextension.test.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.lambdaextension.test.emulator.LambdaEmulator;

/**
 * Discovers and starts extension executables as Lambda does: every regular file directly inside the extensions
 * directory, started with no arguments and the filtered function environment.
 *
 * @since 0.1.0
 */
public final class ExtensionsLauncher {

	/**
	 * Variables reserved for the runtime that Lambda does not pass to extensions.
	 */
	public static final Set<String> RUNTIME_ONLY_VARIABLES = Set.of("AWS_EXECUTION_ENV", "AWS_LAMBDA_LOG_GROUP_NAME",
			"AWS_LAMBDA_LOG_STREAM_NAME", "AWS_XRAY_CONTEXT_MISSING", "AWS_XRAY_DAEMON_ADDRESS", "LAMBDA_RUNTIME_DIR",
			"LAMBDA_TASK_ROOT", "_AWS_XRAY_DAEMON_ADDRESS", "_AWS_XRAY_DAEMON_PORT", "_HANDLER");

	private ExtensionsLauncher() {
	}

	/**
	 * List the regular files directly inside a directory, in alphabetical order.
	 * @param extensionsDir the directory
	 * @return the executables
	 */
	public static List<Path> discover(Path extensionsDir) {
		if (!Files.isDirectory(extensionsDir)) {
			throw new IllegalArgumentException("Extensions directory " + extensionsDir + " does not exist");
		}
		try (Stream<Path> files = Files.list(extensionsDir)) {
			return files.filter(Files::isRegularFile).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not list " + extensionsDir, ex);
		}
	}

	/**
	 * Build the environment an extension sees: the current environment minus the runtime-only variables
	 * (and every variable starting with {@code _}), plus the Lambda platform variables and the extras.
	 * @param base the environment to start from, usually {@link System#getenv()}
	 * @param emulator the emulator the extension talks to
	 * @param extra additional variables, applied last
	 * @return the environment
	 */
	public static Map<String, String> environment(Map<String, String> base, LambdaEmulator emulator,
			Map<String, String> extra) {
		Map<String, String> environment = new HashMap<>(base);
		environment.keySet().removeIf((name) -> RUNTIME_ONLY_VARIABLES.contains(name) || name.startsWith("_"));
		environment.put("AWS_LAMBDA_RUNTIME_API", emulator.runtimeApi());
		environment.put("AWS_LAMBDA_FUNCTION_NAME", emulator.function().name());
		environment.put("AWS_LAMBDA_FUNCTION_VERSION", emulator.function().version());
		environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(emulator.function().memorySizeMb()));
		environment.put("AWS_REGION", emulator.function().region());
		environment.put("AWS_DEFAULT_REGION", emulator.function().region());
		environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", emulator.function().initializationType());
		environment.putAll(extra);
		return environment;
	}

	/**
	 * Start one extension process and capture its output line by line.
	 * @param executable the executable, started with no arguments
	 * @param environment the complete environment of the process
	 * @param output receives every output line, prefixed with {@code [name] }
	 * @param lineListener receives every raw output line with the extension name
	 * @return the launched extension
	 * @throws UncheckedIOException if the process cannot be started
	 */
	public static LaunchedExtension launch(Path executable, Map<String, String> environment,
			Consumer<String> output, LaunchedExtension.LineListener lineListener) {
		String name = executable.getFileName().toString();
		ProcessBuilder builder = new ProcessBuilder(executable.toAbsolutePath().toString());
		builder.environment().clear();
		builder.environment().putAll(environment);
		Path directory = Objects.requireNonNull(executable.toAbsolutePath().getParent(), "extensions directory");
		builder.directory(directory.toFile());
		builder.redirectInput(ProcessBuilder.Redirect.PIPE);
		long startNanos = System.nanoTime();
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not launch extension " + name, ex);
		}
		return new LaunchedExtension(name, process, startNanos, output, lineListener);
	}

}
