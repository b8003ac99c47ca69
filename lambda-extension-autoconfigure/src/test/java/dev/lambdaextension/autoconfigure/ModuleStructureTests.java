package dev.lambdaextension.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.lambdaextension.client.RuntimeApiHttp;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Architecture rules, checked on the compiled classes of the three library modules:
 * auto-configurations are named and listed as Boot expects, the BOM manages every library, nothing outside the
 * auto-configuration package depends on it, the core has no Spring, the packages have no
 * cycles and every package is null-marked.
 */
class ModuleStructureTests {

	private static final Path IMPORTS = Path
		.of("src/main/resources/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");

	private static final ClassFileImporter IMPORTER = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);

	private static final JavaClasses AUTOCONFIGURE = IMPORTER.importPath(Path.of("target/classes"));

	private static final JavaClasses CORE = IMPORTER
		.importUrl(RuntimeApiHttp.class.getProtectionDomain().getCodeSource().getLocation());

	private static final JavaClasses TEST_KIT = IMPORTER
		.importUrl(LambdaEmulator.class.getProtectionDomain().getCodeSource().getLocation());

	@Test
	void autoConfigurationsShouldBeNamedAsSuchAndListedInImports() throws IOException {
		classes().that()
			.areAnnotatedWith(AutoConfiguration.class)
			.should()
			.haveSimpleNameEndingWith("AutoConfiguration")
			.andShould()
			.bePublic()
			.check(AUTOCONFIGURE);
		Set<String> annotated = AUTOCONFIGURE.stream()
			.filter((type) -> type.isAnnotatedWith(AutoConfiguration.class))
			.map((type) -> type.getName())
			.collect(Collectors.toSet());
		Set<String> listed = Files.readAllLines(IMPORTS)
			.stream()
			.map(String::trim)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.collect(Collectors.toSet());
		assertThat(annotated).isNotEmpty();
		assertThat(listed).containsExactlyInAnyOrderElementsOf(annotated);
	}

	@Test
	void bomShouldManageEveryLibraryArtifactAtTheProjectVersion() throws IOException {
		String root = Files.readString(Path.of("../pom.xml"));
		String bom = Files.readString(Path.of("../lambda-extension-bom/pom.xml"));
		Set<String> libraries = new TreeSet<>();
		Matcher modules = Pattern.compile("<module>(lambda-extension-[a-z-]+)</module>").matcher(root);
		while (modules.find()) {
			String pom = Files.readString(Path.of("..", modules.group(1), "pom.xml"));
			if (!pom.contains("<packaging>pom</packaging>") && !pom.contains("<packaging>maven-plugin</packaging>")) {
				libraries.add(modules.group(1));
			}
		}
		Set<String> managed = new TreeSet<>();
		Matcher artifacts = Pattern.compile("<artifactId>(lambda-extension-[a-z-]+)</artifactId>").matcher(bom);
		while (artifacts.find()) {
			managed.add(artifacts.group(1));
		}
		managed.remove("lambda-extension-bom");
		assertThat(libraries).isNotEmpty();
		assertThat(managed).isEqualTo(libraries);
		assertThat(version(bom)).isEqualTo(version(root));
	}

	private static String version(String pom) {
		Matcher version = Pattern.compile("<artifactId>lambda-extension-(?:parent|bom)</artifactId>\\s*<version>([^<]+)</version>")
			.matcher(pom);
		assertThat(version.find()).as("project version").isTrue();
		return version.group(1);
	}

	@Test
	void onlyTheAutoConfigurationPackageShouldDependOnIt() {
		noClasses().that()
			.resideOutsideOfPackage("dev.lambdaextension.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.lambdaextension.autoconfigure..")
			.check(AUTOCONFIGURE);
		noClasses().should().dependOnClassesThat().resideInAPackage("dev.lambdaextension.autoconfigure..").check(CORE);
	}

	@Test
	void coreShouldNotDependOnSpring() {
		noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(CORE);
	}

	@Test
	void packagesShouldBeFreeOfCycles() {
		slices().matching("dev.lambdaextension.(**)").should().beFreeOfCycles().check(CORE);
		slices().matching("dev.lambdaextension.(**)").should().beFreeOfCycles().check(AUTOCONFIGURE);
		slices().matching("dev.lambdaextension.test.(*)..").should().beFreeOfCycles().check(TEST_KIT);
	}

	@Test
	void everyPackageShouldBeNullMarked() {
		// NullAway checks @NullMarked packages at compile time, so an unmarked package goes unchecked
		for (JavaClasses module : Set.of(AUTOCONFIGURE, CORE, TEST_KIT)) {
			Set<String> packages = module.stream().map((type) -> type.getPackageName()).collect(Collectors.toSet());
			assertThat(packages).isNotEmpty().allSatisfy((name) -> {
				JavaPackage javaPackage = module.getPackage(name);
				assertThat(javaPackage.tryGetPackageInfo()).as(name)
					.hasValueSatisfying((info) -> assertThat(info.isAnnotatedWith(NullMarked.class)).isTrue());
			});
		}
	}

}
