package dev.lambdaextension.lifecycle;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import dev.lambdaextension.client.ExtensionsApiException;
import dev.lambdaextension.client.InvokeEvent;
import dev.lambdaextension.client.RegisterResponse;
import dev.lambdaextension.client.ShutdownEvent;
import dev.lambdaextension.client.SubscriptionOutcome;
import dev.lambdaextension.client.TelemetryApiClient;
import dev.lambdaextension.client.TelemetryApiLimits;
import dev.lambdaextension.client.TelemetrySubscription;
import dev.lambdaextension.telemetry.dispatch.DrainResult;
import dev.lambdaextension.telemetry.dispatch.TelemetryDispatcher;
import dev.lambdaextension.telemetry.receiver.TelemetryReceiver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Takes the telemetry pipeline through the extension's phases: during Init it starts the
 * {@link TelemetryReceiver} and then subscribes to the Telemetry API (falling back to older
 * schema versions that Lambda accepts); after each {@code INVOKE} it holds the freeze
 * barrier until the invocation's {@code platform.runtimeDone} has been dispatched; on
 * {@code SHUTDOWN} it drains the dispatcher before the deadline.
 *
 * @since 0.1.0
 */
public class TelemetrySubscriber implements ExtensionLifecycleParticipant {

	private static final Log logger = LogFactory.getLog(TelemetrySubscriber.class);

	private static final Duration SHUTDOWN_MARGIN = Duration.ofMillis(150);

	private final TelemetryApiClient client;

	private final TelemetryReceiver receiver;

	private final TelemetryDispatcher dispatcher;

	private final Supplier<List<String>> types;

	private final SubscriptionTemplate template;

	private final @Nullable Duration barrierTimeout;

	private volatile @Nullable TelemetrySubscription subscription;

	private volatile ExtensionObserver observer = ExtensionObserver.NONE;

	/**
	 * Create a subscriber.
	 * @param client the Telemetry API client
	 * @param receiver the endpoint Lambda posts to
	 * @param dispatcher the queue between the receiver and the listeners
	 * @param types supplies the streams to subscribe to; none means no subscription
	 * @param template the rest of the subscription
	 * @param barrierTimeout the longest wait for {@code platform.runtimeDone} after an
	 * {@code INVOKE}, or {@code null} for no barrier
	 */
	public TelemetrySubscriber(TelemetryApiClient client, TelemetryReceiver receiver, TelemetryDispatcher dispatcher,
			Supplier<List<String>> types, SubscriptionTemplate template, @Nullable Duration barrierTimeout) {
		this.client = client;
		this.receiver = receiver;
		this.dispatcher = dispatcher;
		this.types = types;
		this.template = template;
		this.barrierTimeout = barrierTimeout;
	}

	/**
	 * Set the observer told about the accepted subscription.
	 * @param observer the observer
	 */
	public void setObserver(ExtensionObserver observer) {
		this.observer = Objects.requireNonNull(observer, "'observer' must not be null");
	}

	@Override
	public void registered(RegisterResponse registration) {
		List<String> streams = this.types.get();
		if (streams.isEmpty()) {
			logger.debug("No telemetry listener or property asks for telemetry; not subscribing");
			return;
		}
		this.receiver.start();
		URI destination = URI.create("http://" + this.template.host() + ":" + this.receiver.getPort() + "/");
		TelemetrySubscription requested = new TelemetrySubscription(this.template.schemaVersion(), streams,
				this.template.maxItems(), this.template.maxBytes(), this.template.timeoutMs(), destination);
		TelemetrySubscription accepted = subscribe(registration.extensionId(), requested);
		if (accepted != null) {
			this.subscription = accepted;
			this.observer.subscribed(accepted);
			logger.info("Subscribed to telemetry " + streams + " (schema " + accepted.schemaVersion() + ") at "
					+ destination);
		}
	}

	private @Nullable TelemetrySubscription subscribe(String extensionId, TelemetrySubscription requested) {
		List<String> versions = TelemetryApiLimits.SCHEMA_VERSIONS;
		TelemetrySubscription attempt = requested;
		for (int index = versions.indexOf(requested.schemaVersion());;) {
			try {
				SubscriptionOutcome outcome = this.client.subscribe(extensionId, attempt);
				if (outcome == SubscriptionOutcome.NOT_SUPPORTED) {
					logger.warn("The Lambda runtime API does not support the Telemetry API; "
							+ "continuing without telemetry");
					this.receiver.stop();
					return null;
				}
				if (attempt != requested) {
					logger.warn("Lambda refused telemetry schema version " + requested.schemaVersion() + "; using "
							+ attempt.schemaVersion());
				}
				return attempt;
			}
			catch (ExtensionsApiException ex) {
				index++;
				if (ex.getStatus() != 400 || index >= versions.size()) {
					throw ex;
				}
				attempt = attempt.withSchemaVersion(versions.get(index));
			}
		}
	}

	@Override
	public void invoked(InvokeEvent invoke) {
		TelemetrySubscription current = this.subscription;
		if (this.barrierTimeout == null || current == null || !current.types().contains("platform")) {
			return;
		}
		Duration untilDeadline = Duration.between(Instant.now(), invoke.deadline());
		Duration budget = (untilDeadline.compareTo(this.barrierTimeout) < 0) ? untilDeadline : this.barrierTimeout;
		if (!budget.isNegative() && !this.dispatcher.awaitRuntimeDone(invoke.requestId(), budget)) {
			logger.debug("platform.runtimeDone of " + invoke.requestId() + " not dispatched within "
					+ budget.toMillis() + " ms");
		}
	}

	@Override
	public void shuttingDown(ShutdownEvent shutdown) {
		if (this.subscription == null) {
			return;
		}
		DrainResult result = this.dispatcher.drain(shutdown.deadline().minus(SHUTDOWN_MARGIN));
		if (result.undelivered() > 0) {
			logger.warn(result.undelivered() + " telemetry events could not be delivered before the SHUTDOWN deadline");
		}
		this.receiver.stop();
	}

	/**
	 * Return the accepted subscription.
	 * @return the subscription, or {@code null} when not subscribed
	 */
	public @Nullable TelemetrySubscription getSubscription() {
		return this.subscription;
	}

	/**
	 * Everything in a subscription but its types and port.
	 *
	 * @param host the destination host
	 * @param schemaVersion the preferred schema version
	 * @param maxItems the buffering item limit
	 * @param maxBytes the buffering byte limit
	 * @param timeoutMs the buffering time limit in milliseconds
	 */
	public record SubscriptionTemplate(String host, String schemaVersion, int maxItems, long maxBytes,
			long timeoutMs) {
	}

}
