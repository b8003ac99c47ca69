package dev.lambdaextension.lifecycle;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import dev.lambdaextension.client.ExtensionsApiException;
import dev.lambdaextension.client.RegisterResponse;
import dev.lambdaextension.client.SubscriptionOutcome;
import dev.lambdaextension.client.TelemetryApiClient;
import dev.lambdaextension.client.TelemetryApiLimits;
import dev.lambdaextension.client.TelemetrySubscription;
import dev.lambdaextension.telemetry.TelemetryStream;
import dev.lambdaextension.telemetry.dispatch.StreamFilteringConsumer;
import dev.lambdaextension.telemetry.receiver.TelemetryReceiver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Subscribes to the Telemetry API during Init: starts the {@link TelemetryReceiver}, then
 * subscribes to the streams the listeners need (plus the {@code platform} stream when the
 * freeze barrier needs it and no listener asked for it; its events then reach no
 * listener). Lambda's answer decides the rest: a {@code 400} on the schema version falls
 * back to older versions when allowed, a {@code 5xx} is retried a few times with a short
 * backoff and then fails Init, a {@code 202} (no Telemetry API, as in local emulators)
 * carries on without telemetry.
 *
 * @since 0.1.0
 */
public class TelemetrySubscriber implements ExtensionLifecycleParticipant {

	private static final Log logger = LogFactory.getLog(TelemetrySubscriber.class);

	static final int MAX_ATTEMPTS = 3;

	static final Duration RETRY_DELAY = Duration.ofMillis(50);

	private final TelemetryApiClient client;

	private final TelemetryReceiver receiver;

	private final Supplier<List<String>> types;

	private final SubscriptionTemplate template;

	private final @Nullable StreamFilteringConsumer listenerStreams;

	private volatile @Nullable TelemetrySubscription subscription;

	private volatile boolean platformAddedForBarrier;

	private volatile ExtensionObserver observer = ExtensionObserver.NONE;

	/**
	 * Create a subscriber.
	 * @param client the Telemetry API client
	 * @param receiver the endpoint Lambda posts to
	 * @param types supplies the streams the listeners need; none means no subscription
	 * @param template the rest of the subscription
	 * @param listenerStreams the filter in front of the listeners, told which streams
	 * they asked for when the barrier adds the {@code platform} stream; {@code null} when
	 * the barrier needs no stream
	 */
	public TelemetrySubscriber(TelemetryApiClient client, TelemetryReceiver receiver, Supplier<List<String>> types,
			SubscriptionTemplate template, @Nullable StreamFilteringConsumer listenerStreams) {
		this.client = client;
		this.receiver = receiver;
		this.types = types;
		this.template = template;
		this.listenerStreams = listenerStreams;
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
		List<String> requested = this.types.get();
		if (requested.isEmpty()) {
			logger.debug("No telemetry listener or property asks for telemetry; not subscribing");
			return;
		}
		List<String> streams = new ArrayList<>(requested);
		if (this.listenerStreams != null && !streams.contains(TelemetryStream.PLATFORM.wireName())) {
			streams.add(0, TelemetryStream.PLATFORM.wireName());
			this.listenerStreams.passOnly(requested);
			this.platformAddedForBarrier = true;
		}
		this.receiver.start();
		URI destination = this.receiver.getProtocol()
			.destination(this.template.host(), this.receiver.getPort(), this.receiver.getPath());
		TelemetrySubscription first = new TelemetrySubscription(this.template.schemaVersion(), streams,
				this.template.maxItems(), this.template.maxBytes(), this.template.timeoutMs(), destination);
		TelemetrySubscription accepted = subscribe(registration.extensionId(), first);
		if (accepted != null) {
			this.subscription = accepted;
			this.observer.subscribed(accepted);
			logger.info("Subscribed to telemetry " + streams + " through the " + this.client.apiName() + " (schema "
					+ accepted.schemaVersion() + ") at "
					+ destination + (this.platformAddedForBarrier ? "; platform only for the freeze barrier" : ""));
		}
	}

	private @Nullable TelemetrySubscription subscribe(String extensionId, TelemetrySubscription first) {
		List<String> versions = TelemetryApiLimits.SCHEMA_VERSIONS;
		TelemetrySubscription attempt = first;
		int index = versions.indexOf(first.schemaVersion());
		for (int failures = 0;;) {
			try {
				if (this.client.subscribe(extensionId, attempt) == SubscriptionOutcome.NOT_SUPPORTED) {
					logger.warn("The Lambda runtime API does not support the " + this.client.apiName()
							+ "; continuing without telemetry");
					this.receiver.stop();
					return null;
				}
				if (attempt != first) {
					logger.warn("Lambda refused telemetry schema version " + first.schemaVersion() + "; using "
							+ attempt.schemaVersion());
				}
				return attempt;
			}
			catch (ExtensionsApiException ex) {
				if (ex.getStatus() == 400 && this.template.schemaFallback() && index + 1 < versions.size()) {
					attempt = attempt.withSchemaVersion(versions.get(++index));
				}
				else if (ex.isTransient() && ++failures < MAX_ATTEMPTS) {
					logger.warn(this.client.apiName() + " subscription failed (attempt " + failures + " of " + MAX_ATTEMPTS
							+ "), retrying: " + ex.getMessage());
					pause(RETRY_DELAY.multipliedBy(failures));
				}
				else {
					throw ex;
				}
			}
		}
	}

	private static void pause(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while retrying the telemetry subscription", ex);
		}
	}

	/**
	 * Return the name of the API this subscriber subscribes through.
	 * @return {@code Telemetry API} or {@code Logs API}
	 * @see TelemetryApiClient#apiName()
	 */
	public String getApiName() {
		return this.client.apiName();
	}

	/**
	 * Return the accepted subscription.
	 * @return the subscription, or {@code null} when not subscribed
	 */
	public @Nullable TelemetrySubscription getSubscription() {
		return this.subscription;
	}

	/**
	 * Return whether the {@code platform} stream was subscribed to only because the freeze
	 * barrier needs its {@code platform.runtimeDone}.
	 * @return whether the stream was added for the barrier
	 */
	public boolean isPlatformAddedForBarrier() {
		return this.platformAddedForBarrier;
	}

	/**
	 * Everything in a subscription but its types and port.
	 *
	 * @param host the destination host
	 * @param schemaVersion the preferred schema version
	 * @param schemaFallback whether to fall back to older schema versions that Lambda
	 * accepts; never on Lambda Managed Instances, which accept only the newest
	 * @param maxItems the buffering item limit
	 * @param maxBytes the buffering byte limit
	 * @param timeoutMs the buffering time limit in milliseconds
	 */
	public record SubscriptionTemplate(String host, String schemaVersion, boolean schemaFallback, int maxItems,
			long maxBytes, long timeoutMs) {
	}

}
