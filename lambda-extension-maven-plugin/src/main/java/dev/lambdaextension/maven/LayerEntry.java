package dev.lambdaextension.maven;

import java.nio.file.Path;

/**
 * One file of a layer: where it goes in the zip, where its bytes come from, and its Unix mode.
 *
 * @param path the entry's path in the zip, with {@code /} separators
 * @param source the file whose bytes the entry carries
 * @param mode the Unix permission bits, such as {@code 0755}
 * @since 0.1.0
 */
public record LayerEntry(String path, Path source, int mode) {

	/** Mode of an executable file. */
	public static final int EXECUTABLE = 0755;

	/** Mode of a plain file. */
	public static final int REGULAR = 0644;

}
