package dev.lambdaextension.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that the Markdown pages show the compiled snippets and the configuration
 * metadata as they are. Run with {@code -Ddocs.update=true} to rewrite the pages instead.
 */
class DocumentationTests {

	private static final Path DOCS = Path.of(System.getProperty("docs.root", ".")).toAbsolutePath().normalize();

	private final DocumentationSync sync = new DocumentationSync(DOCS.getParent());

	@Test
	void pagesShouldShowTheCompiledSnippetsAndTheConfigurationMetadata() throws IOException {
		boolean update = Boolean.getBoolean("docs.update");
		for (Path page : pages()) {
			String markdown = Files.readString(page, StandardCharsets.UTF_8);
			String rendered;
			try {
				rendered = this.sync.render(markdown);
			}
			catch (IllegalStateException ex) {
				throw new IllegalStateException(DOCS.getParent().relativize(page) + ": " + ex.getMessage(), ex);
			}
			if (update) {
				Files.writeString(page, rendered, StandardCharsets.UTF_8);
			}
			else {
				assertThat(markdown).as("%s is out of date: run ./mvnw -pl docs test -Ddocs.update=true",
						DOCS.getParent().relativize(page))
					.isEqualTo(rendered);
			}
		}
	}

	@Test
	void propertiesTableShouldDescribeEveryProperty() {
		String table = this.sync.propertiesTable();
		assertThat(table).contains("`lambda.extension.telemetry.buffering.max-items` | `1000` |")
			.contains("`lambda.extension.events` | `INVOKE,SHUTDOWN` |")
			.doesNotContain("|  |\n");
	}

	@Test
	void snippetShouldBeTheTaggedRegionWithoutIndentation() {
		String snippet = this.sync.snippet("docs/src/main/java/dev/lambdaextension/docs/telemetry/TelemetryListeners.java",
				"single");
		assertThat(snippet).startsWith("@TelemetryListener\npublic void onRuntimeDone(PlatformRuntimeDone done) {\n");
	}

	private static List<Path> pages() throws IOException {
		List<Path> pages;
		try (Stream<Path> files = Files.list(DOCS)) {
			pages = new java.util.ArrayList<>(files.filter((file) -> file.toString().endsWith(".md")).toList());
		}
		pages.add(DOCS.getParent().resolve("README.md"));
		return pages;
	}

}
