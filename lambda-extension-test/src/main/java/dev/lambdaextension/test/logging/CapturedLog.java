package dev.lambdaextension.test.logging;

import java.lang.System.Logger.Level;

import org.jspecify.annotations.Nullable;

/**
 * One log record captured by {@link LogCapture}, whichever logging backend produced it.
 *
 * @param logger the name of the logger that logged it
 * @param level the level, mapped to {@link System.Logger.Level} ({@code SEVERE} is {@code ERROR},
 * {@code FINE} is {@code DEBUG}, Logback's {@code WARN} is {@code WARNING} and so on)
 * @param message the formatted message, parameters filled in
 * @param thrown the attached throwable, if any
 * @param thread the name of the thread that logged it
 * @since 0.1.0
 */
public record CapturedLog(String logger, Level level, String message, @Nullable Throwable thrown, String thread) {

	@Override
	public String toString() {
		String line = this.level + " [" + this.thread + "] " + this.logger + " - " + this.message;
		return (this.thrown != null) ? line + " (" + this.thrown + ")" : line;
	}

}
