package dev.lambdaextension.lifecycle;

import dev.lambdaextension.client.RegisterResponse;
import org.jspecify.annotations.Nullable;

/**
 * Published once the extension has registered, before its first {@code event/next}:
 * listeners can finish initialising here, and Init does not end before they return.
 * A listener that throws fails the start-up and is reported through {@code init/error}.
 *
 * @since 0.1.0
 */
public class ExtensionRegisteredEvent extends LambdaExtensionEvent {

	private final RegisterResponse registration;

	/**
	 * Create an event.
	 * @param source the publisher
	 * @param registration what Lambda answered to the registration
	 */
	public ExtensionRegisteredEvent(Object source, RegisterResponse registration) {
		super(source);
		this.registration = registration;
	}

	/**
	 * Return the identifier Lambda assigned to this extension.
	 * @return the extension id
	 */
	public String extensionId() {
		return this.registration.extensionId();
	}

	/**
	 * Return the name of the function.
	 * @return the function name
	 */
	public @Nullable String functionName() {
		return this.registration.functionName();
	}

	/**
	 * Return the version of the function.
	 * @return the function version
	 */
	public @Nullable String functionVersion() {
		return this.registration.functionVersion();
	}

	/**
	 * Return the handler of the function.
	 * @return the handler
	 */
	public @Nullable String handler() {
		return this.registration.handler();
	}

	/**
	 * Return the account id of the function, when it was asked for.
	 * @return the account id or {@code null}
	 */
	public @Nullable String accountId() {
		return this.registration.accountId();
	}

}
