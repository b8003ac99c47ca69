package dev.lambdaextension.client;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An {@code INVOKE} event.
 *
 * @param requestId the request id of the invocation
 * @param deadline when the function times out
 * @param invokedFunctionArn the ARN used to invoke the function
 * @param tracing the X-Ray tracing header value, when tracing is active
 * @since 0.1.0
 */
public record InvokeEvent(String requestId, Instant deadline, @Nullable String invokedFunctionArn,
		@Nullable String tracing) implements NextEvent {
}
