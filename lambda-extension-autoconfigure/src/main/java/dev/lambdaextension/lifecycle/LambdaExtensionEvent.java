package dev.lambdaextension.lifecycle;

import org.springframework.context.ApplicationEvent;

/**
 * Base class of the lifecycle events of a Lambda extension.
 * <p>
 * Events are published on the event loop thread ({@code lambda-ext-events}) with the
 * context's {@link org.springframework.context.ApplicationEventPublisher}. With Spring's
 * default synchronous multicaster, the loop waits for every listener to return before it
 * calls {@code event/next} again; with an asynchronous multicaster it does not, and the
 * environment may be frozen while listeners still run.
 *
 * @since 0.1.0
 */
public abstract class LambdaExtensionEvent extends ApplicationEvent {

	/**
	 * Create an event.
	 * @param source the object that published the event
	 */
	protected LambdaExtensionEvent(Object source) {
		super(source);
	}

}
