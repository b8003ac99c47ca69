package dev.lambdaextension.lifecycle;

import dev.lambdaextension.client.UnrecognizedEvent;
import org.jspecify.annotations.Nullable;

/**
 * Published when {@code event/next} returns an event of a type this library does not
 * know, or a body it cannot read. The loop then asks for the next event, which ends the
 * phase the event began, as Lambda expects.
 *
 * @since 0.1.0
 */
public class ExtensionUnrecognizedEvent extends LambdaExtensionEvent {

	private final UnrecognizedEvent event;

	/**
	 * Create an event.
	 * @param source the publisher
	 * @param event what Lambda sent
	 */
	public ExtensionUnrecognizedEvent(Object source, UnrecognizedEvent event) {
		super(source);
		this.event = event;
	}

	/**
	 * Return the event type as Lambda sent it.
	 * @return the type, or {@code null} when the body could not be read
	 */
	public @Nullable String eventType() {
		return this.event.eventType();
	}

	/**
	 * Return what was wrong with the event.
	 * @return the problem, never the body itself
	 */
	public String problem() {
		return this.event.problem();
	}

}
