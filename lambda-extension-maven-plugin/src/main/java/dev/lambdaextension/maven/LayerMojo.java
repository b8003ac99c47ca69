package dev.lambdaextension.maven;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.apache.maven.toolchain.ToolchainManager;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@code target/<name>-layer.zip}: {@code extensions/<name>} (the launcher),
 * {@code <name>/<name>.jar} with its runtime dependencies in {@code <name>/lib/}, and unless
 * switched off a trimmed Java runtime in {@code <name>/runtime/} and, with a Java 25+ runtime, a
 * start-up cache {@code <name>/<name>.aot} recorded by a {@link TrainingRun}; the same files, with the
 * zip's times and modes, are laid out in {@code target/<name>-layer/} as Lambda extracts them
 * to {@code /opt}. The application jar must name
 * its dependencies in its manifest's {@code Class-Path} with the {@code lib/} prefix.
 *
 * @since 0.1.0
 */
@Mojo(name = "layer", defaultPhase = LifecyclePhase.PACKAGE, requiresDependencyResolution = ResolutionScope.RUNTIME,
		threadSafe = true)
public class LayerMojo extends AbstractMojo {

	private static final String LAUNCHER = "launcher.sh";

	@Parameter(defaultValue = "${project}", readonly = true, required = true)
	@SuppressWarnings("NullAway.Init")
	private MavenProject project;

	/** Extension name: the launcher's file name, which Lambda registers the extension under. */
	@Parameter(property = "lambda-extension.name", defaultValue = "${project.artifactId}")
	@SuppressWarnings("NullAway.Init")
	private String name;

	/** Whether to bundle a trimmed Java runtime; switch off for functions that bring their own Java. */
	@Parameter(property = "lambda-extension.runtime", defaultValue = "true")
	private boolean runtime = true;

	/** Maven session, for toolchain look-ups. */
	@Parameter(defaultValue = "${session}", readonly = true, required = true)
	@SuppressWarnings("NullAway.Init")
	private MavenSession session;

	private final ToolchainManager toolchainManager;

	/**
	 * Version requirement of a {@code jdk} Maven toolchain (such as {@code 25}) whose jlink builds
	 * the runtime; takes precedence over jdkHome.
	 */
	@Parameter(property = "lambda-extension.jdkVersion")
	private @Nullable String jdkVersion;

	/** JDK whose jlink builds the runtime; the JDK running Maven unless set. */
	@Parameter(property = "lambda-extension.jdkHome", defaultValue = "${java.home}")
	@SuppressWarnings("NullAway.Init")
	private File jdkHome;

	/**
	 * Whether a missing JDK (no toolchain matching jdkVersion, no JDK at jdkHome) falls back, in
	 * one warning line, to the JDK running Maven instead of failing the build: for builds that
	 * prefer a Java 25 runtime with its start-up cache where one is installed.
	 */
	@Parameter(property = "lambda-extension.fallbackToMavenJdk", defaultValue = "false")
	private boolean fallbackToMavenJdk;

	private boolean fellBack;

	/** Target architecture: {@code x86_64} or {@code arm64}. */
	@Parameter(property = "lambda-extension.architecture", defaultValue = "x86_64")
	@SuppressWarnings("NullAway.Init")
	private String architecture;

	/** Modules of the runtime; {@link RuntimeLinker#DEFAULT_MODULES} (or jdeps's) unless set. */
	@Parameter
	private @Nullable List<String> modules;

	/**
	 * Whether to compute the modules with {@code jdeps --print-module-deps} instead of the
	 * documented list; jdeps misses modules reached only by reflection, which extraModules adds.
	 */
	@Parameter(property = "lambda-extension.jdeps", defaultValue = "false")
	private boolean jdeps;

	/**
	 * Whether to keep {@code java.desktop}'s native libraries (AWT, fonts, imaging, sound), for an
	 * extension that draws images or lays out text; the module's classes stay either way.
	 */
	@Parameter(property = "lambda-extension.desktopLibraries", defaultValue = "false")
	private boolean desktopLibraries;

	/**
	 * Whether to remove the symbol tables of the runtime's native libraries with {@code strip}
	 * from the PATH (about 5 MB); without {@code strip} on the PATH the build says so and goes on.
	 */
	@Parameter(property = "lambda-extension.stripNativeSymbols", defaultValue = "true")
	private boolean stripNativeSymbols = true;

	/** Modules added to the documented or computed list. */
	@Parameter
	private List<String> extraModules = new ArrayList<>();

	/** Time given to every zip entry, as an ISO-8601 instant. */
	@Parameter(property = "lambda-extension.entryTime", defaultValue = "2000-01-01T00:00:00Z")
	@SuppressWarnings("NullAway.Init")
	private String entryTime;

	/**
	 * Whether to record a start-up cache by a training run of the extension against the embedded
	 * emulator; needs a bundled Java 25+ runtime.
	 */
	@Parameter(property = "lambda-extension.trainingRun", defaultValue = "true")
	private boolean trainingRun = true;

	/** Skips the goal. */
	@Parameter(property = "lambda-extension.skip", defaultValue = "false")
	private boolean skip;

	/**
	 * Create the goal.
	 * @param toolchainManager finds the {@code jdk} toolchain that {@code jdkVersion} asks for
	 */
	@Inject
	public LayerMojo(ToolchainManager toolchainManager) {
		this.toolchainManager = toolchainManager;
	}

	@Override
	public void execute() throws MojoExecutionException {
		if (this.skip) {
			getLog().info("Skipping the Lambda layer");
			return;
		}
		File jar = this.project.getArtifact().getFile();
		if (jar == null || !jar.isFile()) {
			throw new MojoExecutionException("No jar for " + this.project.getArtifactId()
					+ ": run the layer goal after the jar is packaged (phase package)");
		}
		Path target = Path.of(this.project.getBuild().getDirectory());
		Path work = target.resolve(this.name + "-layer-work");
		Path exploded = target.resolve(this.name + "-layer");
		try {
			deleteRecursively(work);
			deleteRecursively(exploded);
			Files.createDirectories(work);
			List<LayerEntry> entries = new ArrayList<>();
			Path launcher = work.resolve(LAUNCHER);
			try (InputStream in = LayerMojo.class.getResourceAsStream(LAUNCHER)) {
				if (in == null) {
					throw new MojoExecutionException("Launcher resource missing from the plugin");
				}
				Files.copy(in, launcher);
			}
			entries.add(new LayerEntry("extensions/" + this.name, launcher, LayerEntry.EXECUTABLE));
			entries.add(new LayerEntry(this.name + "/" + this.name + ".jar", jar.toPath(), LayerEntry.REGULAR));
			for (Artifact artifact : this.project.getArtifacts()) {
				if (isRuntime(artifact)) {
					entries.add(new LayerEntry(this.name + "/lib/" + libName(artifact), artifact.getFile().toPath(),
							LayerEntry.REGULAR));
				}
			}
			int javaVersion = 0;
			if (this.runtime) {
				Path home = runtimeJdkHome();
				javaVersion = new RuntimeLinker(home).javaVersion();
				entries.addAll(linkRuntime(home, javaVersion, work.resolve("runtime")));
			}
			else {
				getLog().info("No Java runtime bundled: the launcher uses the function's Java or java on the PATH");
			}
			Path zip = target.resolve(this.name + "-layer.zip");
			Instant time = Instant.parse(this.entryTime);
			explode(entries, exploded, time);
			if (recordsCache(javaVersion)) {
				Path cache = new TrainingRun(exploded, this.name, (line) -> getLog().debug(line)).record(time);
				entries.add(new LayerEntry(this.name + "/" + cache.getFileName(), cache, LayerEntry.REGULAR));
				getLog().info("Start-up cache recorded by a training run: " + cache + " (" + Files.size(cache) / 1024
						+ " KiB)");
			}
			new LayerZipWriter(time).write(entries, zip);
			getLog().info("Lambda layer " + zip + " (" + Files.size(zip) / 1024 + " KiB)");
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Cannot write the Lambda layer: " + ex.getMessage(), ex);
		}
	}

	private boolean recordsCache(int javaVersion) {
		if (!this.trainingRun) {
			getLog().info("No start-up cache: the training run is switched off (trainingRun=false)");
			return false;
		}
		if (!this.runtime) {
			getLog().info("No start-up cache: a cache is tied to the JVM build that records it, and no runtime is bundled");
			return false;
		}
		if (javaVersion < TrainingRun.MINIMUM_JAVA_VERSION) {
			if (this.fellBack) {
				return false;
			}
			getLog().info("No start-up cache: the bundled runtime is Java " + javaVersion + "; recording one at packaging"
					+ " time needs Java " + TrainingRun.MINIMUM_JAVA_VERSION + "+ (-XX:AOTCacheOutput): set jdkHome to a JDK "
					+ TrainingRun.MINIMUM_JAVA_VERSION);
			return false;
		}
		return true;
	}

	private Path runtimeJdkHome() throws MojoExecutionException {
		try {
			Path home = (this.jdkVersion != null) ? JdkToolchain.home(this.toolchainManager, this.session, this.jdkVersion)
					: this.jdkHome.toPath();
			if (!Files.isRegularFile(home.resolve("bin/jlink"))) {
				throw new MojoExecutionException("No JDK at " + home + " (no bin/jlink): set jdkHome or jdkVersion to a JDK");
			}
			return home;
		}
		catch (MojoExecutionException ex) {
			if (!this.fallbackToMavenJdk) {
				throw ex;
			}
			this.fellBack = true;
			getLog().warn(String.valueOf(ex.getMessage()).replaceFirst(":[^:]*$", "") + ": bundling the Java " + Runtime.version().feature()
					+ " running Maven instead, without a start-up cache (fallbackToMavenJdk)");
			return Path.of(System.getProperty("java.home"));
		}
	}

	private List<String> runtimeModules(Path home, int javaVersion) throws IOException {
		List<String> result = new ArrayList<>();
		if (this.modules != null) {
			result.addAll(this.modules);
		}
		else if (this.jdeps) {
			List<Path> classPath = this.project.getArtifacts().stream().filter(LayerMojo::isRuntime)
				.map((artifact) -> artifact.getFile().toPath()).toList();
			result.addAll(new ModuleDependencies(home).compute(this.project.getArtifact().getFile().toPath(), classPath,
					javaVersion));
		}
		else {
			result.addAll(RuntimeLinker.DEFAULT_MODULES);
		}
		this.extraModules.stream().filter((module) -> !result.contains(module)).forEach(result::add);
		return result;
	}

	private List<LayerEntry> linkRuntime(Path home, int javaVersion, Path output) throws IOException, MojoExecutionException {
		String host = hostArchitecture();
		if (!this.architecture.equals(host)) {
			throw new MojoExecutionException("Cannot bundle a runtime for " + this.architecture + " on a " + host
					+ " build machine: build the layer on " + this.architecture
					+ ", or set <runtime>false</runtime> and let the function provide Java");
		}
		RuntimeLinker linker = new RuntimeLinker(home, this.desktopLibraries);
		List<String> moduleList = runtimeModules(home, javaVersion);
		getLog().info("Linking a Java " + javaVersion + " runtime from " + home + (this.jdeps ? " (modules from jdeps): " : ": ")
				+ String.join(",", moduleList));
		linker.link(moduleList, output);
		if (this.stripNativeSymbols) {
			stripNativeSymbols(output);
		}
		List<LayerEntry> entries = new ArrayList<>();
		try (Stream<Path> files = Files.walk(output)) {
			for (Path file : files.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList()) {
				String path = this.name + "/runtime/" + output.relativize(file).toString().replace(File.separatorChar, '/');
				entries.add(new LayerEntry(path, file,
						Files.isExecutable(file) ? LayerEntry.EXECUTABLE : LayerEntry.REGULAR));
			}
		}
		return entries;
	}

	private void stripNativeSymbols(Path runtime) throws IOException {
		String path = System.getenv().getOrDefault("PATH", "");
		Optional<NativeSymbolStripper> stripper = NativeSymbolStripper.find(path);
		if (stripper.isEmpty()) {
			getLog().info("Native symbols kept: no strip on the PATH (binutils); the runtime is about 5 MB larger");
			return;
		}
		getLog().info("Native symbol tables stripped: " + stripper.get().strip(runtime) / 1024 + " KiB saved");
	}

	static void explode(List<LayerEntry> entries, Path directory, Instant time) throws IOException {
		for (LayerEntry entry : entries) {
			Path file = directory.resolve(entry.path());
			Files.createDirectories(file.getParent());
			Files.copy(entry.source(), file);
			file.toFile().setExecutable(entry.mode() == LayerEntry.EXECUTABLE, false);
			Files.setLastModifiedTime(file, FileTime.from(time));
		}
	}

	static String hostArchitecture() {
		String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
		return switch (arch) {
			case "amd64", "x86_64" -> "x86_64";
			case "aarch64", "arm64" -> "arm64";
			default -> arch;
		};
	}

	private static boolean isRuntime(Artifact artifact) {
		String scope = artifact.getScope();
		return artifact.getFile() != null && "jar".equals(artifact.getType())
				&& (Artifact.SCOPE_COMPILE.equals(scope) || Artifact.SCOPE_RUNTIME.equals(scope));
	}

	private static String libName(Artifact artifact) {
		String classifier = artifact.hasClassifier() ? "-" + artifact.getClassifier() : "";
		return artifact.getArtifactId() + "-" + artifact.getVersion() + classifier + "." + artifact.getArtifactHandler().getExtension();
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

}
