package dev.lambdaextension.client;

import org.jspecify.annotations.Nullable;

/**
 * What Lambda answers to a successful registration.
 *
 * @param extensionId the identifier to send on every later call
 * @param functionName the function name
 * @param functionVersion the function version
 * @param handler the function handler
 * @param accountId the account id, present only when the {@code accountId} feature was
 * asked for
 * @since 0.1.0
 */
public record RegisterResponse(String extensionId, @Nullable String functionName, @Nullable String functionVersion,
		@Nullable String handler, @Nullable String accountId) {
}
