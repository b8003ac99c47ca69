package dev.lambdaextension.test.launcher;

import java.time.Instant;
import java.util.List;

/**
 * Outcome of {@link LambdaSession#shutdown}.
 *
 * @param reason the shutdown reason sent
 * @param deadline the deadline sent in the SHUTDOWN event
 * @param extensions one report per launched extension
 * @since 0.1.0
 */
public record ShutdownReport(String reason, Instant deadline, List<ExtensionReport> extensions) {

	/**
	 * Create a report.
	 */
	public ShutdownReport {
		extensions = List.copyOf(extensions);
	}

	/**
	 * Return the names of the extensions killed after the deadline.
	 * @return the names
	 */
	public List<String> killed() {
		return this.extensions.stream().filter(ExtensionReport::killed).map(ExtensionReport::name).toList();
	}

	/**
	 * Return whether every extension exited with code 0 before the deadline.
	 * @return whether shutdown was clean
	 */
	public boolean clean() {
		return this.extensions.stream().allMatch(ExtensionReport::exitedCleanly);
	}

}
