package dev.lambdaextension.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Build checks on the shape of the code: auto-configurations are named and listed as Boot
 * expects, nothing outside the auto-configuration package depends on it, and every package
 * is null-marked.
 */
class ModuleStructureTests {

	private static final Path MAIN = Path.of("src/main/java");

	private static final Path CORE_MAIN = Path.of("../lambda-extension-core/src/main/java");

	private static final Path TEST_KIT_MAIN = Path.of("../lambda-extension-test/src/main/java");

	private static final Path IMPORTS = Path
		.of("src/main/resources/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");

	@Test
	void autoConfigurationsShouldBeNamedAsSuchAndListedInImports() throws IOException {
		Set<String> annotated = sources(MAIN).stream()
			.filter((source) -> read(source).contains("\n@AutoConfiguration"))
			.map(ModuleStructureTests::className)
			.collect(Collectors.toSet());
		Set<String> listed = Files.readAllLines(IMPORTS)
			.stream()
			.map(String::trim)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.collect(Collectors.toSet());
		assertThat(annotated).isNotEmpty().allSatisfy((name) -> assertThat(name).endsWith("AutoConfiguration"));
		assertThat(listed).containsExactlyInAnyOrderElementsOf(annotated);
	}

	@Test
	void onlyTheAutoConfigurationPackageShouldImportIt() {
		Stream.concat(sources(MAIN).stream(), sources(CORE_MAIN).stream())
			.filter((source) -> !source.toString().replace('\\', '/').contains("/dev/lambdaextension/autoconfigure/"))
			.forEach((source) -> assertThat(read(source)).as(source.toString())
				.doesNotContain("import dev.lambdaextension.autoconfigure."));
	}

	@Test
	void coreShouldNotDependOnSpring() {
		assertThat(sources(CORE_MAIN)).isNotEmpty()
			.allSatisfy((source) -> assertThat(read(source)).as(source.toString())
				.doesNotContain("import org.springframework."));
	}

	@Test
	void everyPackageShouldHaveAPackageInfoThatMarksItNullSafe() {
		Stream.of(MAIN, CORE_MAIN, TEST_KIT_MAIN)
			.flatMap((root) -> sources(root).stream())
			.map(Path::getParent)
			.distinct()
			.map((directory) -> directory.resolve("package-info.java"))
			.forEach((packageInfo) -> {
				assertThat(packageInfo).isRegularFile();
				// NullAway checks @NullMarked packages at compile time, so an unmarked package goes unchecked
				assertThat(read(packageInfo)).as(packageInfo.toString()).contains("@NullMarked");
			});
	}

	private static List<Path> sources(Path root) {
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter((file) -> file.toString().endsWith(".java")).toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String className(Path source) {
		return MAIN.relativize(source).toString().replace('\\', '/').replace('/', '.').replaceAll("\\.java$", "");
	}

	private static String read(Path source) {
		try {
			return Files.readString(source, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
