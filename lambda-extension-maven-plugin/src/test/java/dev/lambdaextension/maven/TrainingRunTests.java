package dev.lambdaextension.maven;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import dev.lambdaextension.maven.fixture.FixtureExtension;
import dev.lambdaextension.test.launcher.LambdaSession;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Builds a real layer (jlinked Java 25 runtime, a fixture extension, a cache recorded by the
 * training run), extracts it as Lambda does, keeping the entry times, and runs its launcher
 * against the emulator.
 */
class TrainingRunTests {

	private static final Path JDK_25 = Path.of(System.getProperty("lambda-extension.test.jdk25",
			"/usr/lib/jvm/temurin-25-jdk-amd64"));

	private static final String NAME = "fixture";

	private static final Instant TIME = LayerZipWriter.DEFAULT_ENTRY_TIME;

	@TempDir
	static Path temp;

	private static Path zip;

	@BeforeAll
	static void buildLayer() throws Exception {
		assumeTrue(Files.isExecutable(JDK_25.resolve("bin/jlink")), "needs a JDK 25 at " + JDK_25);
		Path work = Files.createDirectories(temp.resolve("work"));
		List<LayerEntry> entries = new ArrayList<>();
		Path launcher = work.resolve("launcher.sh");
		try (InputStream in = LayerMojo.class.getResourceAsStream("launcher.sh")) {
			assertThat(in).isNotNull();
			Files.copy(in, launcher);
		}
		entries.add(new LayerEntry("extensions/" + NAME, launcher, LayerEntry.EXECUTABLE));
		entries.add(new LayerEntry(NAME + "/" + NAME + ".jar", fixtureJar(work.resolve("app.jar")), LayerEntry.REGULAR));
		Path runtime = work.resolve("runtime");
		new RuntimeLinker(JDK_25).link(List.of("java.base", "java.net.http"), runtime);
		try (Stream<Path> files = Files.walk(runtime)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				entries.add(new LayerEntry(NAME + "/runtime/" + runtime.relativize(file), file,
						Files.isExecutable(file) ? LayerEntry.EXECUTABLE : LayerEntry.REGULAR));
			}
		}
		Path staged = temp.resolve("staged");
		LayerMojo.explode(entries, staged, TIME);
		Path cache = new TrainingRun(staged, NAME, (line) -> {
		}).record(TIME);
		entries.add(new LayerEntry(NAME + "/" + NAME + ".aot", cache, LayerEntry.REGULAR));
		zip = temp.resolve(NAME + "-layer.zip");
		new LayerZipWriter(TIME).write(entries, zip);
	}

	@Test
	void trainingRunShouldPutACacheInTheLayer() throws Exception {
		try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
			ZipArchiveEntry cache = file.getEntry(NAME + "/" + NAME + ".aot");
			assertThat(cache).isNotNull();
			assertThat(cache.getSize()).isPositive();
		}
	}

	@Test
	void launcherShouldUseTheCacheOfTheExtractedLayer() throws Exception {
		Path opt = extract("opt-used");
		assertThat(cacheLine(opt)).startsWith(NAME + ": start-up cache used: ");
	}

	@Test
	void launcherShouldRefuseTheCacheWhenAJarWasTouchedAndStillStart() throws Exception {
		Path opt = extract("opt-touched");
		Files.setLastModifiedTime(opt.resolve(NAME + "/" + NAME + ".jar"), FileTime.from(Instant.now()));
		assertThat(cacheLine(opt)).isEqualTo(NAME + ": start-up cache refused: " + NAME + "/" + NAME
				+ ".jar changed after the cache was recorded; starting without it");
	}

	private static String cacheLine(Path opt) {
		List<String> output = Collections.synchronizedList(new ArrayList<>());
		try (LambdaSession session = LambdaSession.builder()
			.extensionsDir(opt.resolve("extensions"))
			.baseEnvironment(Map.of("PATH", "/usr/bin:/bin"))
			.output(output::add)
			.build()) {
			session.init();
			assertThat(session.shutdown("spindown", Duration.ofSeconds(10)).clean()).as("%s", output).isTrue();
		}
		catch (RuntimeException ex) {
			throw new AssertionError("The layer did not start: " + output, ex);
		}
		String prefix = NAME + ": start-up cache";
		synchronized (output) {
			return output.stream()
				.filter((line) -> line.contains(prefix))
				.map((line) -> line.substring(line.indexOf(prefix)))
				.findFirst()
				.orElseThrow(() -> new AssertionError("No cache line in " + output));
		}
	}

	private static Path extract(String directory) throws Exception {
		Path opt = temp.resolve(directory);
		try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
			for (ZipArchiveEntry entry : Collections.list(file.getEntries())) {
				Path target = opt.resolve(entry.getName());
				if (entry.isDirectory()) {
					Files.createDirectories(target);
					continue;
				}
				Files.createDirectories(target.getParent());
				try (InputStream in = file.getInputStream(entry)) {
					Files.copy(in, target);
				}
				target.toFile().setExecutable((entry.getUnixMode() & 0100) != 0, false);
				Files.setLastModifiedTime(target, FileTime.fromMillis(entry.getTime()));
			}
		}
		return opt;
	}

	private static Path fixtureJar(Path jar) throws Exception {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FixtureExtension.class.getName());
		String entry = FixtureExtension.class.getName().replace('.', '/') + ".class";
		try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
				InputStream in = FixtureExtension.class.getClassLoader().getResourceAsStream(entry)) {
			assertThat(in).isNotNull();
			out.putNextEntry(new JarEntry(entry));
			in.transferTo(out);
			out.closeEntry();
		}
		return jar;
	}

}
