package dev.lambdaextension.test.emulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The part of the Runtime API ({@code 2018-06-01}) a function process needs to run against the emulator: the
 * long-polled {@code invocation/next}, the {@code response} and {@code error} of an invocation, and
 * {@code init/error}. The runtime's first {@code next} closes the registration of internal extensions, as in
 * Lambda. Each invocation started while a function process polls is handed to it too, with an empty JSON
 * object as payload; the emulator still produces the invocation's telemetry itself, whatever the function
 * answers. Without a function process nothing changes: invocations are simulated as before.
 *
 * @since 0.1.0
 * @see LambdaEmulator#runtime()
 */
public final class EmulatedRuntime {

	/**
	 * Prefix of every Runtime API path.
	 */
	public static final String PATH_PREFIX = "/2018-06-01/runtime/";

	/**
	 * Path of the runtime's long poll.
	 */
	public static final String NEXT_PATH = PATH_PREFIX + "invocation/next";

	/**
	 * Path of the runtime's init error.
	 */
	public static final String INIT_ERROR_PATH = PATH_PREFIX + "init/error";

	private static final String INVOCATION_PREFIX = PATH_PREFIX + "invocation/";

	private final EmulatorState state;

	private final Deque<Invocation> queued = new ArrayDeque<>();

	private final Map<String, Invocation> handedOut = new LinkedHashMap<>();

	private final Map<String, Result> results = new LinkedHashMap<>();

	private boolean polling;

	private int nextCount;

	private @Nullable String initErrorType;

	EmulatedRuntime(EmulatorState state) {
		this.state = state;
	}

	/**
	 * Hand an invocation to the function process, if one has called {@code next}. Called under the monitor.
	 * @param invocation the invocation
	 */
	void invocationStarted(Invocation invocation) {
		if (this.nextCount > 0) {
			this.queued.add(invocation);
			this.state.monitor.notifyAll();
		}
	}

	EmulatorResponse handle(String method, String path, Map<String, List<String>> headers, String body) {
		if (NEXT_PATH.equals(path)) {
			ControlPlane.requireMethod("GET", method);
			return next();
		}
		ControlPlane.requireMethod("POST", method);
		String errorType = ControlPlane.header(headers, "Lambda-Runtime-Function-Error-Type");
		if (INIT_ERROR_PATH.equals(path)) {
			synchronized (this.state.monitor) {
				this.initErrorType = (errorType != null) ? errorType : "Runtime.Unknown";
				this.state.monitor.notifyAll();
			}
			return accepted();
		}
		if (path.startsWith(INVOCATION_PREFIX) && (path.endsWith("/response") || path.endsWith("/error"))) {
			String rest = path.substring(INVOCATION_PREFIX.length());
			String requestId = rest.substring(0, rest.lastIndexOf('/'));
			boolean error = path.endsWith("/error");
			return result(new Result(requestId, error, error ? errorType : null, body));
		}
		return EmulatorResponse.error(404, "NotFound", "No route for " + method + " " + path);
	}

	private EmulatorResponse next() {
		synchronized (this.state.monitor) {
			if (this.polling) {
				throw new ApiException(403, "InvalidStateTransition", "The runtime is already waiting for an event");
			}
			this.nextCount++;
			this.polling = true;
			this.state.registrationClosed = true;
			this.state.monitor.notifyAll();
			// At SHUTDOWN Lambda does not answer the runtime's next: it sends the runtime SIGTERM (spec 2.4), so the
			// call stays parked until the process stops or the emulator closes.
			try {
				while (this.queued.isEmpty() && !this.state.closed) {
					this.state.monitor.wait();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.polling = false;
			}
			Invocation invocation = this.queued.poll();
			if (invocation == null) {
				throw new ApiException(500, "InternalServerError", "Internal Server Error");
			}
			this.handedOut.put(invocation.requestId(), invocation);
			EmulatorResponse response = EmulatorResponse.json(200, "{}")
				.withHeader("Lambda-Runtime-Aws-Request-Id", invocation.requestId())
				.withHeader("Lambda-Runtime-Deadline-Ms", String.valueOf(invocation.deadline().toEpochMilli()))
				.withHeader("Lambda-Runtime-Invoked-Function-Arn", invocation.invokedFunctionArn());
			String traceHeader = invocation.request().traceHeader();
			return (traceHeader != null) ? response.withHeader("Lambda-Runtime-Trace-Id", traceHeader) : response;
		}
	}

	private EmulatorResponse result(Result result) {
		synchronized (this.state.monitor) {
			if (this.handedOut.remove(result.requestId()) == null) {
				throw new ApiException(400, "InvalidRequestID", "Invalid request ID");
			}
			this.results.put(result.requestId(), result);
			this.state.monitor.notifyAll();
		}
		return accepted();
	}

	private static EmulatorResponse accepted() {
		return EmulatorResponse.json(202, "{\"status\":\"OK\"}");
	}

	/**
	 * Wait until a function process has called {@code invocation/next}, which closes the registration of
	 * internal extensions.
	 * @param timeout how long to wait
	 * @throws LambdaEmulatorTimeoutException if no function process polls in time
	 */
	public void awaitFirstNext(Duration timeout) {
		this.state.awaitCondition(timeout, () -> this.nextCount > 0,
				() -> "the function process to call " + NEXT_PATH + "; " + this.state.describeExtensions());
	}

	/**
	 * Wait until the function process has answered an invocation with {@code response} or {@code error}.
	 * @param requestId the invocation's request id
	 * @param timeout how long to wait
	 * @return what the function posted
	 * @throws LambdaEmulatorTimeoutException if no answer comes in time
	 */
	public Result awaitResult(String requestId, Duration timeout) {
		this.state.awaitCondition(timeout, () -> this.results.containsKey(requestId),
				() -> "the function process to answer " + requestId);
		synchronized (this.state.monitor) {
			return Objects.requireNonNull(this.results.get(requestId));
		}
	}

	/**
	 * Return the error type the function process reported through {@code init/error}.
	 * @return the error type, or {@code null} if none was reported
	 */
	public @Nullable String initErrorType() {
		synchronized (this.state.monitor) {
			return this.initErrorType;
		}
	}

	/**
	 * What the function process posted for one invocation.
	 *
	 * @param requestId the request id
	 * @param error whether it posted {@code error} rather than {@code response}
	 * @param errorType the {@code Lambda-Runtime-Function-Error-Type} header of an error, if sent
	 * @param body the body posted
	 */
	public record Result(String requestId, boolean error, @Nullable String errorType, String body) {
	}

}
