package dev.lambdaextension.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.Deflater;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes a layer zip that is the same byte for byte for the same input: entries sorted by
 * path, every entry (and the directories above it) carrying one fixed time and an explicit
 * Unix mode, no extra fields that record the build machine or the clock.
 *
 * @since 0.1.0
 */
public final class LayerZipWriter {

	/** Time given to every entry unless another is set: 2000-01-01T00:00:00Z. */
	public static final Instant DEFAULT_ENTRY_TIME = Instant.parse("2000-01-01T00:00:00Z");

	private static final int DIRECTORY_MODE = 0755;

	private final long entryTime;

	/**
	 * Creates a writer that stamps every entry with the given time.
	 * @param entryTime the modification time of every entry
	 */
	public LayerZipWriter(Instant entryTime) {
		this.entryTime = entryTime.toEpochMilli();
	}

	/**
	 * Writes the entries to a zip file, replacing it if present.
	 * @param entries the files of the layer, in any order
	 * @param zip the zip to write
	 * @throws IOException if a source cannot be read or the zip cannot be written
	 */
	public void write(List<LayerEntry> entries, Path zip) throws IOException {
		List<LayerEntry> sorted = entries.stream().sorted(Comparator.comparing(LayerEntry::path)).toList();
		TreeSet<String> directories = new TreeSet<>();
		for (LayerEntry entry : sorted) {
			String path = entry.path();
			for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
				directories.add(path.substring(0, slash + 1));
			}
		}
		Files.createDirectories(zip.toAbsolutePath().getParent());
		try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(Files.newOutputStream(zip))) {
			// the size Lambda's direct upload limit counts; level 9 costs a few seconds once per build
			out.setLevel(Deflater.BEST_COMPRESSION);
			for (String directory : directories) {
				ZipArchiveEntry entry = newEntry(directory, DIRECTORY_MODE);
				out.putArchiveEntry(entry);
				out.closeArchiveEntry();
			}
			for (LayerEntry layerEntry : sorted) {
				ZipArchiveEntry entry = newEntry(layerEntry.path(), layerEntry.mode());
				out.putArchiveEntry(entry);
				Files.copy(layerEntry.source(), out);
				out.closeArchiveEntry();
			}
		}
	}

	private ZipArchiveEntry newEntry(String path, int mode) {
		ZipArchiveEntry entry = new ZipArchiveEntry(path);
		// DOS time only: an extended-timestamp field would be one more thing to keep stable.
		entry.setTime(this.entryTime);
		entry.setUnixMode((path.endsWith("/") ? 040000 : 0100000) | mode);
		return entry;
	}

}
