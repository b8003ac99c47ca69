package dev.lambdaextension.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LayerZipWriterTests {

	@TempDir
	Path temp;

	@Test
	void writeTwiceShouldGiveIdenticalBytesWhateverTheSourceTimesAndOrder() throws Exception {
		Path launcher = Files.writeString(this.temp.resolve("launcher"), "#!/bin/sh\n");
		Path jar = Files.writeString(this.temp.resolve("app.jar"), "jar");
		List<LayerEntry> entries = new ArrayList<>(List.of(new LayerEntry("extensions/x", launcher, LayerEntry.EXECUTABLE),
				new LayerEntry("x/x.jar", jar, LayerEntry.REGULAR)));
		LayerZipWriter writer = new LayerZipWriter(LayerZipWriter.DEFAULT_ENTRY_TIME);
		Path first = this.temp.resolve("first.zip");
		writer.write(entries, first);
		Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2024-05-01T10:00:00Z")));
		Collections.reverse(entries);
		Path second = this.temp.resolve("second.zip");
		writer.write(entries, second);
		assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
	}

	@Test
	void writeShouldAddDirectoriesAndCarryModesAndTheFixedTime() throws Exception {
		Path launcher = Files.writeString(this.temp.resolve("launcher"), "#!/bin/sh\n");
		Path jar = Files.writeString(this.temp.resolve("app.jar"), "jar");
		Path zip = this.temp.resolve("layer.zip");
		new LayerZipWriter(LayerZipWriter.DEFAULT_ENTRY_TIME).write(List.of(new LayerEntry("x/lib/a.jar", jar, LayerEntry.REGULAR),
				new LayerEntry("extensions/x", launcher, LayerEntry.EXECUTABLE)), zip);
		try (ZipFile zipFile = ZipFile.builder().setPath(zip).get()) {
			List<String> names = Collections.list(zipFile.getEntries()).stream().map(ZipArchiveEntry::getName).toList();
			assertThat(names).containsExactly("extensions/", "x/", "x/lib/", "extensions/x", "x/lib/a.jar");
			assertThat(zipFile.getEntry("extensions/x").getUnixMode() & 0777).isEqualTo(0755);
			assertThat(zipFile.getEntry("x/lib/a.jar").getUnixMode() & 0777).isEqualTo(0644);
			assertThat(zipFile.getEntry("x/lib/a.jar").getTime()).isEqualTo(LayerZipWriter.DEFAULT_ENTRY_TIME.toEpochMilli());
		}
	}

}
