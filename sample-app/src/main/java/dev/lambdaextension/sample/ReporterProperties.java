package dev.lambdaextension.sample;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the invocation reporter.
 */
@ConfigurationProperties("reporter")
public class ReporterProperties {

	/**
	 * File to append summaries to as JSON lines, in addition to the log. Must be
	 * writable: in Lambda, under /tmp.
	 */
	private @Nullable Path file;

	public @Nullable Path getFile() {
		return this.file;
	}

	public void setFile(@Nullable Path file) {
		this.file = file;
	}

}
