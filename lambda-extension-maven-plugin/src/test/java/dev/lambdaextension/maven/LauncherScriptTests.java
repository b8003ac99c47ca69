package dev.lambdaextension.maven;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the real launcher with {@code /bin/sh} against fake {@code java} executables that print
 * which one they are.
 */
class LauncherScriptTests {

	@TempDir
	Path temp;

	private Path launcher;

	private Path bin;

	@BeforeEach
	void layOut() throws Exception {
		this.launcher = this.temp.resolve("layer/extensions/demo");
		Files.createDirectories(this.launcher.getParent());
		Files.createDirectories(this.temp.resolve("layer/demo"));
		try (InputStream in = LayerMojo.class.getResourceAsStream("launcher.sh")) {
			assertThat(in).isNotNull();
			Files.copy(in, this.launcher);
		}
		this.bin = Files.createDirectories(this.temp.resolve("bin"));
		Files.copy(Path.of("/bin/sh"), this.bin.resolve("sh"));
		Files.copy(Path.of(which("basename")), this.bin.resolve("basename"));
		Files.copy(Path.of(which("dirname")), this.bin.resolve("dirname"));
	}

	@Test
	void launcherShouldPreferLambdaExtensionJava() throws Exception {
		Path chosen = fakeJava(this.temp.resolve("chosen/java"), "chosen");
		fakeJava(this.temp.resolve("layer/demo/runtime/bin/java"), "bundled");
		fakeJava(this.bin.resolve("java"), "path");
		Result result = run(Map.of("LAMBDA_EXTENSION_JAVA", chosen.toString()));
		assertThat(result.stdout()).startsWith("chosen");
	}

	@Test
	void launcherShouldPreferTheBundledRuntimeToJavaOnThePath() throws Exception {
		fakeJava(this.temp.resolve("layer/demo/runtime/bin/java"), "bundled");
		fakeJava(this.bin.resolve("java"), "path");
		assertThat(run(Map.of()).stdout()).startsWith("bundled");
	}

	@Test
	void launcherShouldUseJavaOnThePathWithoutABundledRuntime() throws Exception {
		fakeJava(this.bin.resolve("java"), "path");
		Result result = run(Map.of());
		assertThat(result.exit()).isZero();
		assertThat(result.stdout()).startsWith("path").contains("-Dlambda.extension.name=demo")
			.contains("-jar " + this.temp.toRealPath().resolve("layer/demo/demo.jar"));
		assertThat(result.stderr()).isEqualTo("demo: start-up cache not used: none in the layer\n");
	}

	@Test
	void launcherShouldUseTheCacheOnlyWithTheBundledRuntime() throws Exception {
		Files.writeString(this.temp.resolve("layer/demo/demo.aot"), "cache");
		fakeJava(this.temp.resolve("layer/demo/runtime/bin/java"), "bundled");
		Result bundled = run(Map.of());
		assertThat(bundled.stdout()).contains("-XX:AOTCache=");
		assertThat(bundled.stderr()).startsWith("demo: start-up cache used: ");
		Path other = fakeJava(this.temp.resolve("other/java"), "other");
		Result refused = run(Map.of("LAMBDA_EXTENSION_JAVA", other.toString()));
		assertThat(refused.stdout()).doesNotContain("AOTCache");
		assertThat(refused.stderr()).startsWith("demo: start-up cache refused: it belongs to ").endsWith("not " + other + "\n");
	}

	@Test
	void launcherShouldRecordACacheOnRequestAndUseItNextTime() throws Exception {
		Path java = fakeJava(this.temp.resolve("jdk/bin/java"), "jdk");
		Path archive = this.temp.resolve("recorded.jsa");
		Map<String, String> env = Map.of("LAMBDA_EXTENSION_JAVA", java.toString(), "LAMBDA_EXTENSION_CDS_ARCHIVE",
				archive.toString());
		Result recording = run(Map.of("LAMBDA_EXTENSION_JAVA", java.toString(), "LAMBDA_EXTENSION_CDS_ARCHIVE",
				archive.toString(), "LAMBDA_EXTENSION_CDS", "record"));
		assertThat(recording.stdout()).contains("-XX:ArchiveClassesAtExit=" + archive);
		assertThat(recording.stderr()).isEqualTo("demo: start-up cache recorded at exit to " + archive + "\n");
		assertThat(run(env).stderr()).isEqualTo("demo: start-up cache not used: none in the layer\n");
		Files.writeString(archive, "archive");
		Result reading = run(env);
		assertThat(reading.stdout()).contains("-XX:SharedArchiveFile=" + archive);
		assertThat(reading.stderr()).startsWith("demo: start-up cache used: " + archive);
	}

	@Test
	void launcherWithoutJavaShouldSayWhereItLookedAndFail() throws Exception {
		Result result = run(Map.of());
		assertThat(result.exit()).isEqualTo(127);
		assertThat(result.stdout()).isEmpty();
		assertThat(result.stderr()).startsWith("demo: no Java found (looked for LAMBDA_EXTENSION_JAVA, ")
			.contains("/var/lang/bin/java, java on PATH)").hasLineCount(1);
	}

	private Path fakeJava(Path path, String label) throws Exception {
		Files.createDirectories(path.getParent());
		Files.writeString(path, "#!/bin/sh\necho " + label + " \"$@\"\n");
		path.toFile().setExecutable(true);
		return path;
	}

	private Result run(Map<String, String> env) throws Exception {
		ProcessBuilder builder = new ProcessBuilder("/bin/sh", this.launcher.toString());
		builder.environment().clear();
		builder.environment().put("PATH", this.bin.toString());
		builder.environment().putAll(env);
		Path out = this.temp.resolve("out");
		Path err = this.temp.resolve("err");
		Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
	}

	private static String which(String command) {
		for (String dir : System.getenv("PATH").split(":")) {
			Path candidate = Path.of(dir, command);
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		throw new IllegalStateException(command + " not on PATH");
	}

	private record Result(int exit, String stdout, String stderr) {
	}

}
