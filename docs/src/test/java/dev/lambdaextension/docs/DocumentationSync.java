package dev.lambdaextension.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders the generated parts of the Markdown pages: code blocks included from compiled
 * source files ({@code <!-- include: path#tag -->}) and the configuration property table
 * built from the configuration metadata ({@code <!-- properties -->}).
 */
final class DocumentationSync {

	private static final Pattern INCLUDE = Pattern.compile(
			"<!-- include: (?<path>[^#\\s]+)(#(?<tag>[\\w-]+))? -->\\n```(?<lang>\\w*)\\n(?<body>.*?)```\\n<!-- end include -->",
			Pattern.DOTALL);

	private static final Pattern PROPERTIES = Pattern
		.compile("<!-- properties -->\\n(?<body>.*?)<!-- end properties -->", Pattern.DOTALL);

	private final Path repository;

	DocumentationSync(Path repository) {
		this.repository = repository;
	}

	String render(String markdown) {
		StringBuilder result = new StringBuilder();
		Matcher matcher = INCLUDE.matcher(markdown);
		int includes = 0;
		while (matcher.find()) {
			includes++;
			String body = snippet(matcher.group("path"), matcher.group("tag"));
			String tag = (matcher.group("tag") != null) ? "#" + matcher.group("tag") : "";
			matcher.appendReplacement(result, Matcher.quoteReplacement("<!-- include: " + matcher.group("path") + tag
					+ " -->\n```" + matcher.group("lang") + "\n" + body + "```\n<!-- end include -->"));
		}
		matcher.appendTail(result);
		int markers = markdown.split("<!-- include: ", -1).length - 1;
		if (markers != includes) {
			throw new IllegalStateException(markers - includes + " include block(s) not in the form <!-- include: path#tag -->, "
					+ "a fenced code block (may be empty), <!-- end include -->");
		}
		Matcher properties = PROPERTIES.matcher(result);
		if (properties.find()) {
			return properties.replaceFirst(
					Matcher.quoteReplacement("<!-- properties -->\n" + propertiesTable() + "<!-- end properties -->"));
		}
		return result.toString();
	}

	String snippet(String path, String tag) {
		List<String> lines = read(this.repository.resolve(path));
		if (tag == null) {
			return String.join("\n", lines) + "\n";
		}
		int start = indexOf(lines, "tag::" + tag + "[]", path);
		int end = indexOf(lines, "end::" + tag + "[]", path);
		List<String> region = lines.subList(start + 1, end);
		int indent = region.stream()
			.filter((line) -> !line.isBlank())
			.mapToInt(DocumentationSync::leadingTabs)
			.min()
			.orElse(0);
		StringBuilder body = new StringBuilder();
		for (String line : region) {
			body.append(line.isBlank() ? "" : line.substring(indent).replace("\t", "    ")).append('\n');
		}
		return body.toString();
	}

	String propertiesTable() {
		Map<String, JsonNode> properties = new TreeMap<>();
		try {
			for (URL url : Collections.list(getClass().getClassLoader()
				.getResources("META-INF/spring-configuration-metadata.json"))) {
				try (InputStream in = url.openStream()) {
					for (JsonNode property : JsonMapper.shared().readTree(in).path("properties")) {
						String name = property.path("name").asString();
						if (name.startsWith("lambda.extension.")) {
							properties.put(name, property);
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		StringBuilder table = new StringBuilder("| Property | Default | Description |\n| --- | --- | --- |\n");
		properties.forEach((name, property) -> table.append("| `")
			.append(name)
			.append("` | ")
			.append(defaultValue(property.get("defaultValue")))
			.append(" | ")
			.append(description(property))
			.append(" |\n"));
		return table.toString();
	}

	private static String description(JsonNode property) {
		JsonNode deprecation = property.path("deprecation");
		String replacement = deprecation.path("replacement").asString(null);
		String description = (replacement != null) ? "Deprecated: use `" + replacement + "`."
				: property.path("description").asString("");
		return description.replace("|", "\\|").replace("\n", " ");
	}

	private static String defaultValue(JsonNode value) {
		if (value == null || value.isNull()) {
			return "";
		}
		if (value.isArray()) {
			List<String> items = new ArrayList<>();
			value.forEach((item) -> items.add(item.asString()));
			return "`" + String.join(",", items) + "`";
		}
		return "`" + value.asString() + "`";
	}

	private static int indexOf(List<String> lines, String marker, String path) {
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).trim().equals("// " + marker)) {
				return i;
			}
		}
		throw new IllegalStateException("No '// " + marker + "' in " + path);
	}

	private static int leadingTabs(String line) {
		int count = 0;
		while (count < line.length() && line.charAt(count) == '\t') {
			count++;
		}
		return count;
	}

	private static List<String> read(Path file) {
		try {
			return Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
