package dev.lambdaextension.autoconfigure;

import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Resolves the name to register with: {@code lambda.extension.name}, else the file name of
 * the {@code extensions/} launcher that started this process, else
 * {@code spring.application.name}.
 */
final class ExtensionNameResolver {

	private ExtensionNameResolver() {
	}

	static String resolve(Environment environment) {
		String name = environment.getProperty("lambda.extension.name");
		if (!StringUtils.hasText(name)) {
			name = launcherFileName(ProcessHandle.current().parent().map(ProcessHandle::info));
		}
		if (!StringUtils.hasText(name)) {
			name = environment.getProperty("spring.application.name");
		}
		if (!StringUtils.hasText(name)) {
			throw new ExtensionNameMissingException();
		}
		return name.trim();
	}

	static @Nullable String launcherFileName(Optional<ProcessHandle.Info> launcher) {
		if (launcher.isEmpty()) {
			return null;
		}
		Stream<String> command = launcher.get().command().stream();
		Stream<String> arguments = launcher.get().arguments().stream().flatMap(Stream::of);
		return Stream.concat(command, arguments)
			.map(Path::of)
			.filter((path) -> path.getParent() != null && path.getParent().getFileName() != null
					&& "extensions".equals(path.getParent().getFileName().toString()))
			.map((path) -> path.getFileName().toString())
			.findFirst()
			.orElse(null);
	}

	/**
	 * Thrown when no extension name can be found.
	 */
	static class ExtensionNameMissingException extends IllegalStateException {

		ExtensionNameMissingException() {
			super("No Lambda extension name: set lambda.extension.name, start the application from a launcher "
					+ "in an extensions/ directory, or set spring.application.name");
		}

	}

}
