package dev.lambdaextension.maven;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.toolchain.Toolchain;
import org.apache.maven.toolchain.ToolchainManager;

/**
 * Finds the home of a JDK declared as a Maven {@code jdk} toolchain ({@code ~/.m2/toolchains.xml})
 * by its version requirement, such as {@code 25} or {@code [25,)}.
 *
 * @since 0.1.0
 */
final class JdkToolchain {

	private JdkToolchain() {
	}

	static Path home(ToolchainManager manager, MavenSession session, String version) throws MojoExecutionException {
		List<Toolchain> toolchains = manager.getToolchains(session, "jdk", Map.of("version", version));
		for (Toolchain toolchain : toolchains) {
			String java = toolchain.findTool("java");
			Path bin = (java != null) ? Path.of(java).toAbsolutePath().getParent() : null;
			Path home = (bin != null) ? bin.getParent() : null;
			if (home != null) {
				return home;
			}
		}
		throw new MojoExecutionException("No jdk toolchain matches version " + version
				+ ": declare one in ~/.m2/toolchains.xml, or set jdkHome instead of jdkVersion");
	}

}
