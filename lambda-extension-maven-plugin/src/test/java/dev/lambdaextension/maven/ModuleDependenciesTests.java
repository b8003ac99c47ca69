package dev.lambdaextension.maven;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import dev.lambdaextension.maven.fixture.FixtureExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the real jdeps of the JDK running the tests on a jar of the fixture extension.
 */
class ModuleDependenciesTests {

	@TempDir
	Path temp;

	@Test
	void computeShouldListTheModulesTheJarReferences() throws Exception {
		Path jar = this.temp.resolve("fixture.jar");
		String entry = FixtureExtension.class.getName().replace('.', '/') + ".class";
		try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
				InputStream in = FixtureExtension.class.getClassLoader().getResourceAsStream(entry)) {
			assertThat(in).isNotNull();
			out.putNextEntry(new JarEntry(entry));
			in.transferTo(out);
			out.closeEntry();
		}
		Path home = Path.of(System.getProperty("java.home"));
		int version = new RuntimeLinker(home).javaVersion();
		assertThat(new ModuleDependencies(home).compute(jar, List.of(), version)).contains("java.net.http");
	}

}
