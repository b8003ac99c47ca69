package dev.lambdaextension.test.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Description of one emulated invocation: what the simulated function does and reports.
 *
 * @since 0.1.0
 */
public final class InvokeRequest {

	private final @Nullable String requestId;

	private final @Nullable Duration functionTimeout;

	private final @Nullable String traceHeader;

	private final InvocationStatus status;

	private final @Nullable String errorType;

	private final Duration duration;

	private final int producedBytes;

	private final List<EmulatedFunctionLog> logs;

	private InvokeRequest(Builder builder) {
		this.requestId = builder.requestId;
		this.functionTimeout = builder.functionTimeout;
		this.traceHeader = builder.traceHeader;
		this.status = builder.status;
		this.errorType = builder.errorType;
		this.duration = builder.duration;
		this.producedBytes = builder.producedBytes;
		this.logs = List.copyOf(builder.logs);
	}

	/**
	 * Return a request for a successful invocation with defaults.
	 * @return the request
	 */
	public static InvokeRequest success() {
		return builder().build();
	}

	/**
	 * Return a new builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the request id, or {@code null} to generate one.
	 * @return the request id
	 */
	public @Nullable String requestId() {
		return this.requestId;
	}

	/**
	 * Return the function timeout for this invocation, or {@code null} for the emulator's default.
	 * @return the timeout
	 */
	public @Nullable Duration functionTimeout() {
		return this.functionTimeout;
	}

	/**
	 * Return the X-Ray trace header sent in {@code tracing.value}, or {@code null} for none.
	 * @return the trace header
	 */
	public @Nullable String traceHeader() {
		return this.traceHeader;
	}

	/**
	 * Return the simulated outcome.
	 * @return the status
	 */
	public InvocationStatus status() {
		return this.status;
	}

	/**
	 * Return the error type reported for a failed invocation.
	 * @return the error type, or {@code null} for success
	 */
	public @Nullable String errorType() {
		if (this.status == InvocationStatus.SUCCESS) {
			return null;
		}
		if (this.errorType != null) {
			return this.errorType;
		}
		return (this.status == InvocationStatus.TIMEOUT) ? "Sandbox.Timeout" : "Runtime.ExitError";
	}

	/**
	 * Return the simulated runtime duration reported in {@code platform.runtimeDone}.
	 * @return the duration
	 */
	public Duration duration() {
		return this.duration;
	}

	/**
	 * Return the simulated response size.
	 * @return the produced bytes
	 */
	public int producedBytes() {
		return this.producedBytes;
	}

	/**
	 * Return the function log lines emitted as {@code function} telemetry.
	 * @return the lines
	 */
	public List<EmulatedFunctionLog> logs() {
		return this.logs;
	}

	/**
	 * Builder for {@link InvokeRequest}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private @Nullable String requestId;

		private @Nullable Duration functionTimeout;

		private @Nullable String traceHeader;

		private InvocationStatus status = InvocationStatus.SUCCESS;

		private @Nullable String errorType;

		private Duration duration = Duration.ofMillis(10);

		private int producedBytes = 42;

		private final List<EmulatedFunctionLog> logs = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Set the request id.
		 * @param requestId the request id
		 * @return this builder
		 */
		public Builder requestId(String requestId) {
			this.requestId = Objects.requireNonNull(requestId, "'requestId' must not be null");
			return this;
		}

		/**
		 * Set the function timeout used for {@code deadlineMs}.
		 * @param functionTimeout the timeout
		 * @return this builder
		 */
		public Builder functionTimeout(Duration functionTimeout) {
			this.functionTimeout = Objects.requireNonNull(functionTimeout, "'functionTimeout' must not be null");
			return this;
		}

		/**
		 * Set the X-Ray trace header delivered in {@code tracing.value}.
		 * @param traceHeader the header, e.g. {@code Root=1-...;Parent=...;Sampled=1}
		 * @return this builder
		 */
		public Builder traceHeader(String traceHeader) {
			this.traceHeader = Objects.requireNonNull(traceHeader, "'traceHeader' must not be null");
			return this;
		}

		/**
		 * Set the simulated outcome.
		 * @param status the status
		 * @return this builder
		 */
		public Builder status(InvocationStatus status) {
			this.status = Objects.requireNonNull(status, "'status' must not be null");
			return this;
		}

		/**
		 * Set the error type of a failed invocation.
		 * @param errorType the error type such as {@code Runtime.ExitError}
		 * @return this builder
		 */
		public Builder errorType(String errorType) {
			this.errorType = Objects.requireNonNull(errorType, "'errorType' must not be null");
			return this;
		}

		/**
		 * Set the simulated runtime duration.
		 * @param duration the duration
		 * @return this builder
		 */
		public Builder duration(Duration duration) {
			this.duration = Objects.requireNonNull(duration, "'duration' must not be null");
			return this;
		}

		/**
		 * Set the simulated response size.
		 * @param producedBytes the size in bytes
		 * @return this builder
		 */
		public Builder producedBytes(int producedBytes) {
			this.producedBytes = producedBytes;
			return this;
		}

		/**
		 * Add a function log line.
		 * @param log the line
		 * @return this builder
		 */
		public Builder log(EmulatedFunctionLog log) {
			this.logs.add(Objects.requireNonNull(log, "'log' must not be null"));
			return this;
		}

		/**
		 * Add an {@code INFO} function log line.
		 * @param message the message
		 * @return this builder
		 */
		public Builder log(String message) {
			return log(EmulatedFunctionLog.info(message));
		}

		/**
		 * Build the request.
		 * @return the request
		 */
		public InvokeRequest build() {
			return new InvokeRequest(this);
		}

	}

}
