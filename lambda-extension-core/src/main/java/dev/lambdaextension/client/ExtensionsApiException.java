package dev.lambdaextension.client;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the Extensions or Telemetry API answers with an error status, or cannot be
 * reached at all (status {@code 0}).
 *
 * @since 0.1.0
 */
public class ExtensionsApiException extends RuntimeException {

	private final int status;

	private final @Nullable String errorType;

	/**
	 * Create an exception for an error answer.
	 * @param operation what was attempted, for example {@code register}
	 * @param status the HTTP status
	 * @param errorType the {@code errorType} of the answer, if any
	 * @param errorMessage the {@code errorMessage} of the answer, if any
	 */
	public ExtensionsApiException(String operation, int status, @Nullable String errorType,
			@Nullable String errorMessage) {
		super(operation + " failed with HTTP " + status + ((errorType != null) ? " " + errorType : "")
				+ ((errorMessage != null) ? ": " + errorMessage : ""));
		this.status = status;
		this.errorType = errorType;
	}

	/**
	 * Create an exception for a call that did not get an answer.
	 * @param operation what was attempted
	 * @param runtimeApi the address that was called
	 * @param cause the transport failure
	 */
	public ExtensionsApiException(String operation, String runtimeApi, Throwable cause) {
		super(operation + " failed: Lambda runtime API at " + runtimeApi + (isUnreachable(cause) ? " is unreachable (" : " gave no answer (")
				+ describe(cause) + ")", cause);
		this.status = 0;
		this.errorType = null;
	}

	// A refused or unroutable connection; anything else (a connection closed or reset before the answer, as a
	// SnapStart restore does to a parked next) reached the API.
	private static boolean isUnreachable(Throwable cause) {
		return cause instanceof ConnectException || cause instanceof NoRouteToHostException
				|| cause instanceof UnknownHostException;
	}

	private static String describe(Throwable cause) {
		String message = cause.getMessage();
		return (message != null) ? cause.getClass().getSimpleName() + ": " + message
				: cause.getClass().getSimpleName();
	}

	/**
	 * Return the HTTP status, {@code 0} when the API could not be reached.
	 * @return the status
	 */
	public int getStatus() {
		return this.status;
	}

	/**
	 * Return the {@code errorType} that the API answered.
	 * @return the error type, or {@code null}
	 */
	public @Nullable String getErrorType() {
		return this.errorType;
	}

	/**
	 * Whether a later attempt may succeed: the API was unreachable or answered 5xx.
	 * @return whether the failure is transient
	 */
	public boolean isTransient() {
		return this.status == 0 || this.status >= 500;
	}

}
