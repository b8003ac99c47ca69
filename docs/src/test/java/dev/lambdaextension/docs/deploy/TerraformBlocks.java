package dev.lambdaextension.docs.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the HCL subset the Terraform template uses: top-level blocks with labels, and in each
 * block its top-level {@code name = value} arguments as raw text (nested blocks, heredocs and
 * multi-line values are skipped over, keeping their first line).
 */
final class TerraformBlocks {

	private TerraformBlocks() {
	}

	/**
	 * A top-level block, such as {@code resource "aws_lambda_function" "hello"}.
	 *
	 * @param kind the block type ({@code resource}, {@code variable}, ...)
	 * @param labels the quoted labels
	 * @param arguments the block's own arguments, by name, as written
	 */
	record Block(String kind, List<String> labels, Map<String, String> arguments) {

		String address() {
			return String.join(".", this.labels);
		}

	}

	static List<Block> parse(String hcl) {
		List<Block> blocks = new ArrayList<>();
		String[] lines = hcl.split("\n", -1);
		int i = 0;
		while (i < lines.length) {
			String line = lines[i].strip();
			i++;
			if (line.isEmpty() || line.startsWith("#") || line.startsWith("//")) {
				continue;
			}
			if (!line.endsWith("{")) {
				throw new IllegalArgumentException("line " + i + ": expected a block, got: " + line);
			}
			String[] header = line.substring(0, line.length() - 1).strip().split("\\s+");
			List<String> labels = new ArrayList<>();
			for (int h = 1; h < header.length; h++) {
				labels.add(header[h].replace("\"", ""));
			}
			Map<String, String> arguments = new LinkedHashMap<>();
			int depth = 1;
			String heredoc = null;
			while (depth > 0) {
				if (i >= lines.length) {
					throw new IllegalArgumentException("block " + String.join(" ", header) + " is not closed");
				}
				String inner = lines[i].strip();
				i++;
				if (heredoc != null) {
					heredoc = inner.equals(heredoc) ? null : heredoc;
					continue;
				}
				int equals = inner.indexOf('=');
				if (depth == 1 && equals > 0 && inner.substring(0, equals).strip().matches("[a-z_][a-z0-9_]*")) {
					arguments.put(inner.substring(0, equals).strip(), inner.substring(equals + 1).strip());
				}
				int heredocStart = inner.indexOf("<<");
				if (heredocStart >= 0) {
					heredoc = inner.substring(heredocStart + 2).replace("-", "").strip();
					continue;
				}
				depth += count(inner, '{') + count(inner, '[') - count(inner, '}') - count(inner, ']');
			}
			blocks.add(new Block(header[0], List.copyOf(labels), arguments));
		}
		return blocks;
	}

	private static int count(String line, char c) {
		int quoteless = 0;
		boolean quoted = false;
		for (char ch : line.toCharArray()) {
			if (ch == '"') {
				quoted = !quoted;
			}
			else if (!quoted && ch == c) {
				quoteless++;
			}
		}
		return quoteless;
	}

}
