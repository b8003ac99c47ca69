package dev.lambdaextension.lifecycle;

import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Closes the application context and ends the process, on a thread of its own so that the
 * event loop thread, which the context waits for while stopping, never closes the context
 * itself. A watchdog halts the JVM if closing has not finished by the deadline; it stands
 * down when the {@link ExtensionExitHandler} returns, as one that does not end the JVM
 * does.
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
	 * Close the context and exit with the given status before the deadline.
	 * @param status the exit status
	 * @param deadline when the process must be gone
	 */
	public void terminate(int status, Instant deadline) {
		if (!this.exitProcess) {
			logger.info("Extension finished with status " + status + "; process exit is disabled");
			return;
		}
		Thread watchdog = new Thread(() -> haltAt(status, deadline), "lambda-ext-watchdog");
		watchdog.setDaemon(true);
		watchdog.start();
		Thread closer = new Thread(() -> {
			if (this.context != null) {
				this.context.close();
			}
			this.exitHandler.exit(status);
			watchdog.interrupt();
		}, "lambda-ext-shutdown");
		closer.start();
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
		logger.warn("Context did not close before the shutdown deadline; halting with status " + status);
		System.err.flush();
		Runtime.getRuntime().halt(status);
	}

}
