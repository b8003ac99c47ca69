package dev.lambdaextension.telemetry.receiver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;

/**
 * Reads newline-delimited lines from a stream, keeping at most a limit of bytes per line;
 * a longer line is read to its end and reported as too long, so one bad line does not
 * end the stream.
 */
final class NdjsonLineReader {

	private final InputStream in;

	private final int maxLineBytes;

	private final byte[] buffer = new byte[8192];

	private int position;

	private int limit;

	NdjsonLineReader(InputStream in, int maxLineBytes) {
		this.in = in;
		this.maxLineBytes = maxLineBytes;
	}

	/**
	 * Read the next line, without its {@code \n} (or {@code \r\n}).
	 * @return the line, or {@code null} at the end of the stream with no pending bytes
	 * @throws IOException if the stream fails
	 */
	@Nullable Line next() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		boolean tooLong = false;
		boolean any = false;
		while (true) {
			if (this.position == this.limit) {
				this.limit = this.in.read(this.buffer);
				this.position = 0;
				if (this.limit < 0) {
					this.limit = 0;
					return any ? new Line(line.toByteArray(), tooLong) : null;
				}
			}
			any = true;
			int start = this.position;
			while (this.position < this.limit && this.buffer[this.position] != '\n') {
				this.position++;
			}
			int length = this.position - start;
			if (!tooLong && line.size() + length > this.maxLineBytes) {
				tooLong = true;
				line.reset();
			}
			if (!tooLong) {
				line.write(this.buffer, start, length);
			}
			if (this.position < this.limit) {
				this.position++;
				return new Line(line.toByteArray(), tooLong);
			}
		}
	}

	/**
	 * One line read.
	 *
	 * @param bytes the bytes of the line, empty when too long
	 * @param tooLong whether the line was longer than the limit
	 */
	record Line(byte[] bytes, boolean tooLong) {

		boolean isBlank() {
			for (byte b : this.bytes) {
				if (b != ' ' && b != '\t' && b != '\r') {
					return false;
				}
			}
			return true;
		}

		byte[] asArray() {
			byte[] array = new byte[this.bytes.length + 2];
			array[0] = '[';
			System.arraycopy(this.bytes, 0, array, 1, this.bytes.length);
			array[array.length - 1] = ']';
			return array;
		}

	}

}
