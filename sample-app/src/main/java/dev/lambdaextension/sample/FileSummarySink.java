package dev.lambdaextension.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import tools.jackson.databind.json.JsonMapper;

/**
 * Appends each summary as one JSON line to a file, for example under {@code /tmp}: the
 * function directory is read-only in Lambda.
 */
class FileSummarySink implements SummarySink, AutoCloseable {

	private final Writer writer;

	FileSummarySink(Path file) {
		try {
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open summary file " + file, ex);
		}
	}

	@Override
	public synchronized void accept(InvocationSummary summary) {
		try {
			this.writer.write(JsonMapper.shared().writeValueAsString(summary));
			this.writer.write('\n');
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public synchronized void flush() {
		try {
			this.writer.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public synchronized void close() throws IOException {
		this.writer.close();
	}

}
