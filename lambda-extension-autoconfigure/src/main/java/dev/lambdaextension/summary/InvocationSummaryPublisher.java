package dev.lambdaextension.summary;

import java.util.List;

import dev.lambdaextension.lifecycle.ExtensionShutdownCompletedEvent;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryListener;
import dev.lambdaextension.telemetry.TelemetryTypes;
import dev.lambdaextension.telemetry.summary.InvocationSummary;
import dev.lambdaextension.telemetry.summary.InvocationSummaryJoiner;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Feeds the platform telemetry to an {@link InvocationSummaryJoiner} and publishes an
 * {@link InvocationSummaryEvent} for every summary it closes; drains what is still open
 * when the shutdown telemetry has been delivered, before any other listener of
 * {@link ExtensionShutdownCompletedEvent} runs.
 *
 * @since 0.1.0
 */
public class InvocationSummaryPublisher implements ApplicationListener<ExtensionShutdownCompletedEvent>, Ordered {

	/**
	 * Id of this class's telemetry listener.
	 */
	public static final String LISTENER_ID = "invocationSummaryPublisher";

	private final InvocationSummaryJoiner joiner;

	private final ApplicationEventPublisher publisher;

	/**
	 * Create a publisher.
	 * @param joiner joins the telemetry
	 * @param publisher publishes the summaries
	 */
	public InvocationSummaryPublisher(InvocationSummaryJoiner joiner, ApplicationEventPublisher publisher) {
		this.joiner = joiner;
		this.publisher = publisher;
	}

	/**
	 * Join a batch of platform events and publish the summaries it closes.
	 * @param events the events of one batch
	 */
	@TelemetryListener(id = LISTENER_ID, types = { TelemetryTypes.PLATFORM_START, TelemetryTypes.PLATFORM_RUNTIME_DONE,
			TelemetryTypes.PLATFORM_REPORT })
	public void join(List<TelemetryEvent> events) {
		publish(this.joiner.accept(events));
	}

	@Override
	public void onApplicationEvent(ExtensionShutdownCompletedEvent event) {
		publish(this.joiner.drain());
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	private void publish(List<InvocationSummary> summaries) {
		summaries.forEach((summary) -> this.publisher.publishEvent(new InvocationSummaryEvent(this, summary)));
	}

}
