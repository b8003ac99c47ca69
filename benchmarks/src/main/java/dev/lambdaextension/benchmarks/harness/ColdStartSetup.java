package dev.lambdaextension.benchmarks.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * The files of the cold-start comparison under {@code target/coldstart}: the layer zip
 * extracted as Lambda extracts it to {@code /opt} (entry modes and times kept), a PATH holding
 * only the tools the launcher calls (no {@code java} on it), an empty extensions directory for
 * the no-extension control, and {@code taskset -c 0} wrappers that put an extension on one
 * core.
 */
final class ColdStartSetup {

	/** The commands the plugin's launcher runs besides shell built-ins. */
	private static final List<String> LAUNCHER_TOOLS = List.of("basename", "dirname", "readlink", "sed", "id");

	private final Path root;

	ColdStartSetup(Path root) {
		this.root = root;
	}

	/**
	 * Extracts a layer zip into {@code opt/}, replacing what was there.
	 * @return the number of bytes extracted
	 */
	long extract(Path zip) throws IOException {
		Path opt = opt();
		Layers.delete(opt);
		long bytes = 0;
		try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
			for (ZipArchiveEntry entry : Collections.list(file.getEntries())) {
				Path target = opt.resolve(entry.getName()).normalize();
				if (!target.startsWith(opt)) {
					throw new IOException("Entry outside the layer: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(target);
					continue;
				}
				Files.createDirectories(target.getParent());
				try (InputStream in = file.getInputStream(entry)) {
					bytes += Files.copy(in, target);
				}
				boolean executable = (entry.getUnixMode() & 0100) != 0;
				Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
				Files.setLastModifiedTime(target, FileTime.fromMillis(entry.getTime()));
			}
		}
		return bytes;
	}

	/** The extracted layer, as {@code /opt}. */
	Path opt() {
		return this.root.resolve("opt");
	}

	/** A directory of links to the launcher's tools, to use as the whole PATH: no JDK on it. */
	Path pathWithoutJava() throws IOException {
		Path bin = this.root.resolve("bin-without-java");
		Layers.delete(bin);
		Files.createDirectories(bin);
		for (String tool : LAUNCHER_TOOLS) {
			Path found = find(tool).orElseThrow(() -> new IOException("No " + tool + " in /usr/bin or /bin"));
			Files.createSymbolicLink(bin.resolve(tool), found);
		}
		return bin;
	}

	/** An empty extensions directory: Init with no extension. */
	Path noExtensions() throws IOException {
		Path none = this.root.resolve("no-extensions");
		Layers.delete(none);
		return Files.createDirectories(none);
	}

	/**
	 * An extensions directory whose one file runs the given launcher under {@code taskset -c 0};
	 * the launcher keeps its own path, so it finds its layer and name as before.
	 */
	Path onOneCore(Path launcher, Path taskset, String label) throws IOException {
		Path dir = this.root.resolve("one-core-" + label);
		Layers.delete(dir);
		Files.createDirectories(dir);
		Path wrapper = dir.resolve(launcher.getFileName());
		Files.writeString(wrapper, "#!/bin/sh\nexec " + taskset + " -c 0 " + launcher + "\n");
		Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
		return dir;
	}

	/** {@code taskset} from util-linux, if installed. */
	static Optional<Path> taskset() {
		return find("taskset");
	}

	private static Optional<Path> find(String tool) {
		return List.of(Path.of("/usr/bin", tool), Path.of("/bin", tool)).stream().filter(Files::isExecutable).findFirst();
	}

}
