package dev.lambdaextension.docs.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the templates in the top-level {@code deploy} folder are, and their text.
 */
final class DeployTemplates {

	static final Path ROOT = Path.of(System.getProperty("docs.root", ".")).toAbsolutePath().normalize().getParent()
		.resolve("deploy");

	static final Path SAM = ROOT.resolve("sam/template.yaml");

	static final Path CLOUDFORMATION = ROOT.resolve("cloudformation/template.yaml");

	static final Path TERRAFORM = ROOT.resolve("terraform/main.tf");

	private DeployTemplates() {
	}

	static String read(Path template) {
		try {
			return Files.readString(template, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
