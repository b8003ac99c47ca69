package dev.lambdaextension.autoconfigure;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Resolves the name to register with: {@code lambda.extension.name}, else the file name of
 * the {@code extensions/} launcher that started this process, else
 * {@code spring.application.name}. An internal extension skips the launcher, falls back to
 * {@value #INTERNAL_DEFAULT_NAME}, and never takes the name of a file in
 * {@code /opt/extensions}: Lambda would take it for that external extension.
 */
final class ExtensionNameResolver {

	static final String INTERNAL_DEFAULT_NAME = "spring-internal-extension";

	static final Path EXTERNAL_EXTENSIONS = Path.of("/opt/extensions");

	private static final Log logger = LogFactory.getLog(ExtensionNameResolver.class);

	private ExtensionNameResolver() {
	}

	static String resolveInternal(@Nullable String configured, Environment environment, Path externalExtensions) {
		String name = StringUtils.hasText(configured) ? configured
				: environment.getProperty("spring.application.name", INTERNAL_DEFAULT_NAME);
		name = StringUtils.hasText(name) ? name.trim() : INTERNAL_DEFAULT_NAME;
		if (Files.exists(externalExtensions.resolve(name))) {
			logger.warn("An external extension is named '" + name + "' (" + externalExtensions.resolve(name)
					+ "); registering the internal extension as '" + name + "-internal' instead");
			return name + "-internal";
		}
		return name;
	}

	static String resolve(@Nullable String configured, Environment environment) {
		String name = configured;
		if (!StringUtils.hasText(name)) {
			name = launcherFileName(parentCommandLine());
		}
		if (!StringUtils.hasText(name)) {
			name = environment.getProperty("spring.application.name");
		}
		if (!StringUtils.hasText(name)) {
			throw new ExtensionNameMissingException();
		}
		return name.trim();
	}

	static @Nullable String launcherFileName(List<String> commandLine) {
		return commandLine.stream()
			.map(ExtensionNameResolver::fileNameInExtensionsDirectory)
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
	}

	private static List<String> parentCommandLine() {
		return ProcessHandle.current().parent().map(ProcessHandle::info).map((info) -> {
			List<String> commandLine = new ArrayList<>();
			info.command().ifPresent(commandLine::add);
			info.arguments().ifPresent((arguments) -> commandLine.addAll(List.of(arguments)));
			return commandLine;
		}).orElse(List.of());
	}

	private static @Nullable String fileNameInExtensionsDirectory(String argument) {
		try {
			Path path = Path.of(argument);
			Path parent = path.getParent();
			return (parent != null && parent.getFileName() != null
					&& "extensions".equals(parent.getFileName().toString())) ? path.getFileName().toString() : null;
		}
		catch (InvalidPathException ex) {
			return null;
		}
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
