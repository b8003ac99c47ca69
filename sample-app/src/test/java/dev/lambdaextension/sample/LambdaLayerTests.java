package dev.lambdaextension.sample;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.lambdaextension.test.emulator.Invocation;
import dev.lambdaextension.test.emulator.InvokeRequest;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.launcher.ExtensionReport;
import dev.lambdaextension.test.launcher.LambdaSession;
import dev.lambdaextension.test.launcher.ShutdownReport;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unzips the packaged Lambda layer, checks its layout, and runs its launcher as a real
 * process through the emulator, the way Lambda runs {@code /opt/extensions}.
 */
class LambdaLayerTests {

	private static final String NAME = System.getProperty("extension.name", "invocation-reporter");

	/** Issue 11's targets, read in decimal megabytes: stricter than Lambda's own limits, in MiB. */
	private static final long UNZIPPED_TARGET = 120_000_000L;

	private static final long ZIPPED_TARGET = 50_000_000L;

	private static final Duration WAIT = Duration.ofSeconds(60);

	/** Start-up and shut-down times go to the test log, target/test-jul.log. */
	private static final System.Logger logger = System.getLogger(LambdaLayerTests.class.getName());

	@TempDir
	static Path opt;

	private static long unzippedBytes;

	@BeforeAll
	static void unzipLayer() throws IOException {
		Path zip = Path.of(System.getProperty("layer.zip", "target/" + NAME + "-layer.zip"));
		try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
			for (ZipArchiveEntry entry : Collections.list(file.getEntries())) {
				Path target = opt.resolve(entry.getName()).normalize();
				assertThat(target.startsWith(opt)).as("entry inside the layer").isTrue();
				if (entry.isDirectory()) {
					Files.createDirectories(target);
					continue;
				}
				Files.createDirectories(target.getParent());
				try (InputStream in = file.getInputStream(entry)) {
					unzippedBytes += Files.copy(in, target);
				}
				Files.setPosixFilePermissions(target, permissions(entry.getUnixMode()));
				// as Lambda's extraction keeps them: the start-up cache checks the jars' times
				Files.setLastModifiedTime(target, FileTime.fromMillis(entry.getTime()));
			}
		}
	}

	@Test
	void layerShouldHoldAnExecutableLauncherNamedAfterTheExtensionAndTheApplication() throws IOException {
		Path launcher = opt.resolve("extensions").resolve(NAME);
		assertThat(launcher).isRegularFile();
		assertThat(Files.getPosixFilePermissions(launcher)).contains(PosixFilePermission.OWNER_EXECUTE,
				PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
		try (Stream<Path> extensions = Files.list(opt.resolve("extensions"))) {
			assertThat(extensions).containsExactly(launcher);
		}
		assertThat(opt.resolve(NAME).resolve(NAME + ".jar")).isRegularFile();
		try (Stream<Path> lib = Files.list(opt.resolve(NAME).resolve("lib"))) {
			assertThat(lib.map((path) -> path.getFileName().toString()))
				.anySatisfy((jar) -> assertThat(jar).startsWith("lambda-extension-autoconfigure"))
				.noneSatisfy((jar) -> assertThat(jar).startsWith("tomcat"));
		}
	}

	@Test
	void layerWithItsRuntimeShouldStayWithinTheIssuesSizeTargets() throws IOException {
		assertThat(opt.resolve(NAME).resolve("runtime/bin/java")).isExecutable();
		assertThat(unzippedBytes).isPositive().isLessThan(UNZIPPED_TARGET);
		assertThat(Files.size(Path.of(System.getProperty("layer.zip", "target/" + NAME + "-layer.zip"))))
			.isLessThan(ZIPPED_TARGET);
	}

	@Test
	void launcherShouldRunThroughInitInvocationsAndShutdownToACleanExit(@TempDir Path tmp) throws IOException {
		List<String> transcript = Collections.synchronizedList(new ArrayList<>());
		try (LambdaSession session = session(tmp, Map.of(), transcript)) {
			List<ExtensionReport> init = session.init();
			assertThat(init).singleElement().satisfies((report) -> {
				assertThat(report.registered()).isNotNull();
				assertThat(report.telemetrySubscribed()).isNotNull();
				assertThat(report.firstNext()).isNotNull();
				logger.log(System.Logger.Level.INFO,
						() -> "Start-up of " + NAME + ": process start -> register " + report.registered().toMillis()
								+ " ms, -> subscribed " + report.telemetrySubscribed().toMillis()
								+ " ms, -> first next " + report.firstNext().toMillis() + " ms");
			});
			List<String> requestIds = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				Invocation invocation = session.invoke(InvokeRequest.builder().log("handled order " + i).build());
				Map<String, Duration> overhead = session.awaitExtensionsDone(invocation, WAIT);
				assertThat(overhead).containsOnlyKeys(NAME);
				requestIds.add(invocation.requestId());
			}
			long shutdownStarted = System.nanoTime();
			ShutdownReport shutdown = session.shutdown("spindown", Duration.ofSeconds(2));
			long shutdownMillis = Duration.ofNanos(System.nanoTime() - shutdownStarted).toMillis();
			logger.log(System.Logger.Level.INFO,
					() -> "Shut-down of " + NAME + ": SHUTDOWN -> exit " + shutdownMillis + " ms");
			assertThat(shutdown.clean()).as(() -> String.join("\n", transcript)).isTrue();
			ExtensionReport report = shutdown.extensions().get(0);
			assertThat(report.exitCode()).isZero();
			assertThat(report.killed()).as("killed at the deadline").isFalse();
			assertThat(session.emulator().extension(NAME).state()).hasToString("EXITED");
			assertThat(report.output()).anySatisfy((line) -> assertThat(line).contains("invocation " + requestIds.get(0)
					+ " status=success").contains("coldStart="));
			for (String requestId : requestIds) {
				assertThat(report.output()).anySatisfy((line) -> assertThat(line).contains("invocation " + requestId));
			}
		}
	}

	@Test
	void launcherWithoutJavaOnThePathShouldStartTheBundledRuntime(@TempDir Path tmp) throws IOException {
		Path bin = Files.createDirectories(tmp.resolve("bin"));
		for (String tool : List.of("basename", "dirname")) {
			Files.copy(Path.of("/usr/bin", tool), bin.resolve(tool));
		}
		List<String> transcript = Collections.synchronizedList(new ArrayList<>());
		Map<String, String> environment = Map.of("PATH", bin.toString(), "LAMBDA_EXTENSION_JAVA_OPTS",
				"-XshowSettings:properties");
		try (LambdaSession session = session(tmp, environment, transcript)) {
			assertThat(session.init()).singleElement()
				.satisfies((report) -> assertThat(report.firstNext()).as(() -> String.join("\n", transcript)).isNotNull());
			ShutdownReport shutdown = session.shutdown("spindown", Duration.ofSeconds(2));
			assertThat(shutdown.clean()).as(() -> String.join("\n", transcript)).isTrue();
			assertThat(shutdown.extensions().get(0).output())
				.anySatisfy((line) -> assertThat(line).contains("java.home = " + opt.resolve(NAME).resolve("runtime")))
				.anySatisfy((line) -> assertThat(line).contains(expectedCacheLine()));
		}
	}

	/**
	 * The launcher's cache line: the layer holds a cache when its runtime is Java 25+ (the build
	 * falls back to the JDK running Maven, without a cache, where no JDK 25 is installed).
	 */
	private static String expectedCacheLine() throws IOException {
		String release = Files.readString(opt.resolve(NAME).resolve("runtime/release"));
		Matcher version = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(release);
		assertThat(version.find()).as("JAVA_VERSION in the runtime's release file").isTrue();
		Path cache = opt.resolve(NAME).resolve(NAME + ".aot");
		if (Integer.parseInt(version.group(1)) >= 25) {
			assertThat(cache).isRegularFile();
			return NAME + ": start-up cache used: " + cache;
		}
		assertThat(cache).doesNotExist();
		return NAME + ": start-up cache not used: none in the layer";
	}

	private static LambdaSession session(Path tmp, Map<String, String> environment, List<String> transcript) {
		LambdaSession.Builder builder = LambdaSession.builder()
			.extensionsDir(opt.resolve("extensions"))
			.emulator(LambdaEmulator.builder().functionName("orders-api").initTimeout(WAIT))
			.environment("JAVA_HOME", System.getProperty("java.home"))
			.environment("TMPDIR", tmp.toString())
			.output(transcript::add);
		environment.forEach(builder::environment);
		return builder.build();
	}

	private static Set<PosixFilePermission> permissions(int unixMode) {
		int mode = (unixMode != 0) ? unixMode & 0777 : 0644;
		StringBuilder text = new StringBuilder();
		for (int shift = 6; shift >= 0; shift -= 3) {
			int bits = (mode >> shift) & 7;
			text.append(((bits & 4) != 0) ? 'r' : '-').append(((bits & 2) != 0) ? 'w' : '-')
				.append(((bits & 1) != 0) ? 'x' : '-');
		}
		return PosixFilePermissions.fromString(text.toString());
	}

}
