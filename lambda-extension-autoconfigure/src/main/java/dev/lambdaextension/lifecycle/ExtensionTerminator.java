package dev.lambdaextension.lifecycle;

import java.time.Duration;
import java.time.Instant;

import dev.lambdaextension.concurrent.ExtensionThreads;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Closes the application context through {@link SpringApplication#exit}, so that
 * {@link org.springframework.boot.ExitCodeGenerator} beans and shutdown hooks run, and
 * ends the process, on a thread of its own so that the event loop thread, which the
 * context waits for while stopping, never closes the context itself. A watchdog halts the
 * JVM if closing has not finished by the halt time, which the loop puts before Lambda's
 * deadline; it stands down when the {@link ExtensionExitHandler} returns, as one that
 * does not end the JVM does.
 *
 * @since 0.1.0
 */
public class ExtensionTerminator {

	private static final Log logger = LogFactory.getLog(ExtensionTerminator.class);

	private final @Nullable ConfigurableApplicationContext context;

	private final ExtensionExitHandler exitHandler;

	private final boolean exitProcess;

	/**
	 * Create a terminator.
	 * @param context the context to close, or {@code null} to leave it to its owner
	 * @param exitHandler ends the process
	 * @param exitProcess whether to close the context and end the process at all: off in
	 * tests that run the extension inside their own JVM
	 */
	public ExtensionTerminator(@Nullable ConfigurableApplicationContext context, ExtensionExitHandler exitHandler,
			boolean exitProcess) {
		this.context = context;
		this.exitHandler = exitHandler;
		this.exitProcess = exitProcess;
	}

	/**
	 * Return a terminator that never closes a context or ends the process: for an
	 * internal extension, whose process is the function's.
	 * @return the terminator
	 */
	public static ExtensionTerminator leavingProcessAlone() {
		return new ExtensionTerminator(null, (status) -> {
		}, false);
	}

	/**
	 * Close the context and exit with the given status, or the one an exit code generator
	 * gives, halting at the given instant at the latest.
	 * @param status the exit status
	 * @param haltAt when the process must be gone
	 */
	public void terminate(int status, Instant haltAt) {
		if (!this.exitProcess) {
			logger.info("Extension finished with status " + status + "; process exit is disabled");
			return;
		}
		Thread watchdog = ExtensionThreads.daemon("lambda-ext-watchdog", () -> haltAt(status, haltAt));
		watchdog.start();
		ExtensionThreads.keepingJvmAlive("lambda-ext-shutdown", () -> {
			int exitStatus = (this.context != null) ? SpringApplication.exit(this.context, () -> status) : status;
			this.exitHandler.exit(exitStatus);
			watchdog.interrupt();
		}).start();
	}

	private void haltAt(int status, Instant deadline) {
		try {
			Duration wait = Duration.between(Instant.now(), deadline);
			if (!wait.isNegative()) {
				Thread.sleep(wait.toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		logger.warn("Context did not close in time for the shutdown deadline; halting with status " + status);
		System.err.flush();
		Runtime.getRuntime().halt(status);
	}

}
