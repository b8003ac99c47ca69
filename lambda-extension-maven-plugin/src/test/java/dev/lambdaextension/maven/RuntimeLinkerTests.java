package dev.lambdaextension.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assumptions.assumeThat;

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
				"--strip-debug", "--no-man-pages", "--no-header-files", "--compress=zip-6:filter=" + RuntimeLinker.COMPRESSED,
				"--exclude-files=" + RuntimeLinker.TOOLS + "," + RuntimeLinker.DESKTOP_FILES, "--output", "out");
	}

	@Test
	void commandShouldUseTheOldCompressSyntaxOnJdk17() throws IOException {
		Files.writeString(this.temp.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
		assertThat(new RuntimeLinker(this.temp).command(RuntimeLinker.DEFAULT_MODULES, Path.of("out")))
			.contains("--compress=2:filter=" + RuntimeLinker.COMPRESSED);
	}

	@Test
	void commandShouldKeepTheDesktopLibrariesWhenAskedTo() throws IOException {
		Files.writeString(this.temp.resolve("release"), "JAVA_VERSION=\"25.0.1\"\n");
		assertThat(new RuntimeLinker(this.temp, true).command(RuntimeLinker.DEFAULT_MODULES, Path.of("out")))
			.contains("--exclude-files=" + RuntimeLinker.TOOLS);
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
		assertThat(modules).contains("java.net.http", "java.desktop", "java.management")
			.doesNotContain("java.compiler", "jdk.httpserver");
		assertThat(output.resolve("man")).doesNotExist();
		assertThat(output.resolve("include")).doesNotExist();
		try (Stream<Path> tools = Files.list(output.resolve("bin"))) {
			assertThat(tools.map((tool) -> tool.getFileName().toString())).containsExactly("java");
		}
		try (Stream<Path> libraries = Files.list(output.resolve("lib"))) {
			assertThat(libraries.map((library) -> library.getFileName().toString())).contains("libjava.so", "libnet.so")
				.doesNotContain("libawt.so", "libfontmanager.so");
		}
		Optional<NativeSymbolStripper> stripper = NativeSymbolStripper.find(System.getenv().getOrDefault("PATH", ""));
		assumeThat(stripper).as("strip on the PATH").isPresent();
		long jvm = Files.size(output.resolve("lib/server/libjvm.so"));
		assertThat(stripper.get().strip(output)).isPositive();
		assertThat(Files.size(output.resolve("lib/server/libjvm.so"))).isLessThan(jvm);
		process = new ProcessBuilder(output.resolve("bin/java").toString(), "-version").redirectErrorStream(true).start();
		process.getInputStream().readAllBytes();
		assertThat(process.waitFor()).as("the stripped runtime starts").isZero();
	}

}
