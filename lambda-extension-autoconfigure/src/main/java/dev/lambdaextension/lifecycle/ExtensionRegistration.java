package dev.lambdaextension.lifecycle;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.lambdaextension.client.ExtensionError;
import dev.lambdaextension.client.ExtensionsApiClient;
import dev.lambdaextension.client.ExtensionsApiException;
import dev.lambdaextension.client.LifecycleEventType;
import dev.lambdaextension.client.RegisterResponse;
import dev.lambdaextension.concurrent.ExtensionThreads;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The registration of this process with the Extensions API. It can be started early, on a
 * thread of its own while the application context is still being built, so that Lambda
 * can start the function's runtime sooner; the event loop then only waits for it. The
 * registration of an internal extension, inside the function's JVM, never reports
 * {@code init/error} or {@code exit/error}: Lambda would fail the function's Init or reset
 * its environment for a failure of the extension alone.
 *
 * @since 0.1.0
 */
public final class ExtensionRegistration {

	private static final Log logger = LogFactory.getLog(ExtensionRegistration.class);

	private static final Duration REPORT_WAIT = Duration.ofSeconds(5);

	private final ExtensionsApiClient client;

	private final CompletableFuture<RegisterResponse> response;

	private final AtomicBoolean errorReported = new AtomicBoolean();

	private final boolean internal;

	private ExtensionRegistration(ExtensionsApiClient client, CompletableFuture<RegisterResponse> response,
			boolean internal) {
		this.client = client;
		this.response = response;
		this.internal = internal;
	}

	/**
	 * Start registering on a new thread and return at once.
	 * @param client the client
	 * @param name the extension name
	 * @param events the events to register for
	 * @param acceptAccountId whether to ask for the account id
	 * @return the registration in progress
	 */
	public static ExtensionRegistration start(ExtensionsApiClient client, String name, Set<LifecycleEventType> events,
			boolean acceptAccountId) {
		return start(client, name, events, acceptAccountId, false);
	}

	/**
	 * Start registering an internal extension, one inside the function's JVM, on a new
	 * thread and return at once.
	 * @param client the client
	 * @param name the extension name, which no external extension may have
	 * @param events the events to register for; Lambda refuses {@code SHUTDOWN}
	 * @param acceptAccountId whether to ask for the account id
	 * @return the registration in progress
	 */
	public static ExtensionRegistration startInternal(ExtensionsApiClient client, String name,
			Set<LifecycleEventType> events, boolean acceptAccountId) {
		return start(client, name, events, acceptAccountId, true);
	}

	private static ExtensionRegistration start(ExtensionsApiClient client, String name, Set<LifecycleEventType> events,
			boolean acceptAccountId, boolean internal) {
		CompletableFuture<RegisterResponse> response = new CompletableFuture<>();
		ExtensionThreads.daemon("lambda-ext-register", () -> {
			try {
				response.complete(client.register(name, events, acceptAccountId));
			}
			catch (Throwable ex) {
				response.completeExceptionally(ex);
			}
		}).start();
		return new ExtensionRegistration(client, response, internal);
	}

	/**
	 * Return whether this is the registration of an internal extension.
	 * @return whether internal
	 */
	public boolean isInternal() {
		return this.internal;
	}

	/**
	 * Wait for the registration to complete.
	 * @return the registration
	 * @throws dev.lambdaextension.client.ExtensionsApiException if Lambda refused it or
	 * could not be reached
	 */
	public RegisterResponse await() {
		try {
			return this.response.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/**
	 * Wait for the registration to complete, as the event loop does: for an external
	 * extension as {@link #await()}; for an internal one a failure is logged, the
	 * extension is over and the function goes on without it.
	 * @return the registration, or {@code null} when an internal extension could not
	 * register
	 */
	public @Nullable RegisterResponse awaitOrGiveUp() {
		if (!this.internal) {
			return await();
		}
		try {
			return await();
		}
		catch (RuntimeException ex) {
			logger.error("Internal Lambda extension stopped, the function runs on without it: " + ex.getMessage());
			return null;
		}
	}

	/**
	 * Report a failure during Init through {@code init/error}, once, waiting briefly for a
	 * registration still under way. Does nothing when the extension is not registered or
	 * is an internal one.
	 * @param failure the failure
	 */
	public void reportInitError(Throwable failure) {
		report(failure, true);
	}

	/**
	 * Report a fatal failure through {@code exit/error}, once. Does nothing when the
	 * extension is not registered or is an internal one.
	 * @param failure the failure
	 */
	public void reportExitError(Throwable failure) {
		report(failure, false);
	}

	private void report(Throwable failure, boolean init) {
		if (this.internal) {
			return;
		}
		String extensionId = awaitExtensionId();
		if (extensionId == null || !this.errorReported.compareAndSet(false, true)) {
			return;
		}
		ExtensionError error = errorFor(failure);
		try {
			if (init) {
				this.client.initError(extensionId, error);
			}
			else {
				this.client.exitError(extensionId, error);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not report " + error.errorType() + " to Lambda: " + ex.getMessage());
		}
	}

	private @Nullable String awaitExtensionId() {
		try {
			return this.response.get(REPORT_WAIT.toMillis(), TimeUnit.MILLISECONDS).extensionId();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		catch (ExecutionException | TimeoutException ex) {
			return null;
		}
	}

	private static ExtensionError errorFor(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ExtensionsApiException apiFailure && apiFailure.getErrorType() != null) {
				return new ExtensionError(apiFailure.getErrorType(), String.valueOf(apiFailure.getMessage()));
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return ExtensionError.of("Extension", rootCause(failure));
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

}
