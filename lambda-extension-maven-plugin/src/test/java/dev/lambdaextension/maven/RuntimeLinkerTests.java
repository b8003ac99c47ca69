package dev.lambdaextension.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class RuntimeLinkerTests {

	@TempDir
	Path temp;

	@Test
	void commandShouldTrimTheRuntimeAndUseTheNewCompressSyntaxOnJdk21AndLater() throws IOException {
		Files.writeString(this.temp.resolve("release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.1\"\n");
		RuntimeLinker linker = new RuntimeLinker(this.temp);
		assertThat(linker.javaVersion()).isEqualTo(25);
		assertThat(linker.command(RuntimeLinker.DEFAULT_MODULES, Path.of("out"))).containsSubsequence(
				this.temp.resolve("bin/jlink").toString(), "--add-modules", String.join(",", RuntimeLinker.DEFAULT_MODULES),
				"--strip-debug", "--no-man-pages", "--no-header-files", "--compress=zip-6", "--output", "out");
	}

	@Test
	void commandShouldUseTheOldCompressSyntaxOnJdk17() throws IOException {
		Files.writeString(this.temp.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
		assertThat(new RuntimeLinker(this.temp).command(RuntimeLinker.DEFAULT_MODULES, Path.of("out"))).contains("--compress=2");
	}

	@Test
	void javaVersionShouldFailWithoutAReleaseFile() {
		assertThatIOException().isThrownBy(() -> new RuntimeLinker(this.temp).javaVersion());
	}

	@Test
	void linkShouldProduceARuntimeWithTheDefaultModules() throws Exception {
		Path jdk = Path.of(System.getProperty("java.home"));
		Path output = this.temp.resolve("runtime");
		new RuntimeLinker(jdk).link(RuntimeLinker.DEFAULT_MODULES, output);
		Process process = new ProcessBuilder(output.resolve("bin/java").toString(), "--list-modules")
			.redirectErrorStream(true).start();
		String modules = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor()).isZero();
		assertThat(modules).contains("java.net.http", "jdk.httpserver", "java.management").doesNotContain("java.compiler");
		assertThat(output.resolve("man")).doesNotExist();
		assertThat(output.resolve("include")).doesNotExist();
	}

}
