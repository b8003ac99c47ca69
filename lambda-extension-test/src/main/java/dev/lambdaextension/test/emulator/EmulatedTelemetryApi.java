package dev.lambdaextension.test.emulator;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Telemetry API and Logs API side of the emulator: subscription validation, init-event replay and per-subscriber
 * batching.
 */
final class EmulatedTelemetryApi implements AutoCloseable {

	static final List<String> SCHEMA_VERSIONS = List.of("2022-07-01", "2022-12-13", "2025-01-29");

	static final List<String> TYPES = List.of("platform", "function", "extension");

	static final Set<String> ALLOWED_HOSTS = Set.of("sandbox.localdomain", "sandbox", "127.0.0.1", "localhost");

	private final boolean supported;

	private final Set<String> acceptedSchemaVersions;

	private final ExecutorService httpExecutor;

	private final ScheduledExecutorService scheduler;

	private final HttpClient httpClient;

	private final List<TelemetryBatcher> batchers = new CopyOnWriteArrayList<>();

	private final List<EmulatedTelemetrySubscription> subscriptions = new CopyOnWriteArrayList<>();

	private final List<DeliveredBatch> deliveredBatches = new CopyOnWriteArrayList<>();

	private final List<EmulatedTelemetryEvent> initEvents = new ArrayList<>();

	private boolean initOpen = true;

	private boolean held;

	EmulatedTelemetryApi(boolean supported, Set<String> acceptedSchemaVersions) {
		this.supported = supported;
		this.acceptedSchemaVersions = Set.copyOf(acceptedSchemaVersions);
		AtomicInteger counter = new AtomicInteger();
		this.httpExecutor = Executors.newCachedThreadPool((runnable) -> daemon(runnable,
				"lambda-emulator-telemetry-http-" + counter.incrementAndGet()));
		this.scheduler = Executors.newScheduledThreadPool(1,
				(runnable) -> daemon(runnable, "lambda-emulator-telemetry-scheduler"));
		this.httpClient = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.executor(this.httpExecutor)
			.build();
	}

	private static Thread daemon(Runnable runnable, String name) {
		Thread thread = new Thread(runnable, name);
		thread.setDaemon(true);
		return thread;
	}

	boolean supported() {
		return this.supported;
	}

	EmulatorResponse subscribe(String extensionName, String body, boolean subscriptionClosed) {
		if (!this.supported) {
			return EmulatorResponse.error(202, "Telemetry.NotSupported", "Telemetry API is not supported");
		}
		if (subscriptionClosed) {
			return EmulatorResponse.error(403, "Telemetry.SubscriptionClosed",
					"Telemetry API subscription is closed already");
		}
		Map<String, Object> json = Json.readObject(body);
		if (json == null) {
			return EmulatorResponse.error(400, "ValidationError", "Request body is not a valid JSON object");
		}
		List<String> errors = new ArrayList<>();
		String schemaVersion = (json.get("schemaVersion") instanceof String text) ? text : null;
		if (schemaVersion == null || !SCHEMA_VERSIONS.contains(schemaVersion)) {
			errors.add("schemaVersion must be one of " + SCHEMA_VERSIONS);
		}
		else if (!this.acceptedSchemaVersions.contains(schemaVersion)) {
			errors.add("schemaVersion " + schemaVersion + " is not supported");
		}
		List<String> types = new ArrayList<>();
		Object typesNode = json.get("types");
		if (!(typesNode instanceof List<?> list) || list.isEmpty()) {
			errors.add("types should not be empty");
		}
		else {
			for (Object type : list) {
				if (!(type instanceof String name) || !TYPES.contains(name)) {
					errors.add("unknown type " + type);
				}
				else if (!types.contains(name)) {
					types.add(name);
				}
			}
		}
		URI deliveryUri = null;
		String destinationUri = null;
		Object destination = json.get("destination");
		if (!(destination instanceof Map<?, ?> destinationMap)) {
			errors.add("destination is required");
		}
		else if ("TCP".equals(destinationMap.get("protocol"))) {
			destinationUri = String.valueOf(destinationMap.get("port"));
			deliveryUri = tcpDestination(destinationMap.get("port"), errors);
		}
		else if (!"HTTP".equals(destinationMap.get("protocol"))) {
			errors.add("destination protocol must be HTTP or TCP");
		}
		else if (!(destinationMap.get("URI") instanceof String uriText)) {
			errors.add("destination URI is required");
		}
		else {
			destinationUri = uriText;
			deliveryUri = validateUri(uriText, errors);
		}
		int maxItems = 10000;
		int maxBytes = 262144;
		int timeoutMs = 1000;
		Object buffering = json.get("buffering");
		if (buffering != null && !(buffering instanceof Map)) {
			errors.add("buffering must be an object");
		}
		else if (buffering instanceof Map<?, ?> bufferingMap) {
			maxItems = bounded(bufferingMap, "maxItems", 1000, 10000, maxItems, errors);
			maxBytes = bounded(bufferingMap, "maxBytes", 262144, 1048576, maxBytes, errors);
			timeoutMs = bounded(bufferingMap, "timeoutMs", 25, 30000, timeoutMs, errors);
		}
		if (!errors.isEmpty() || schemaVersion == null || deliveryUri == null || destinationUri == null) {
			return EmulatorResponse.error(400, "ValidationError", String.join("; ", errors));
		}
		for (EmulatedTelemetrySubscription existing : this.subscriptions) {
			if (existing.extensionName().equals(extensionName)) {
				return EmulatorResponse.error(500, "InternalServerError", "subscriber already exists");
			}
		}
		EmulatedTelemetrySubscription subscription = new EmulatedTelemetrySubscription(extensionName, schemaVersion, types,
				maxItems, maxBytes, timeoutMs, destinationUri, deliveryUri, body, Instant.now());
		add(subscription, "platform.telemetrySubscription");
		return EmulatorResponse.json(200, "\"OK\"");
	}

	/**
	 * Subscribe through the Logs API. A repeated subscription of the same extension is answered 200 and changes
	 * nothing: the Logs API documents subscribing as idempotent, and the first subscription stays in force.
	 */
	EmulatorResponse subscribeLogs(String extensionName, String body, boolean subscriptionClosed) {
		if (!this.supported) {
			return EmulatorResponse.error(202, "Logs.NotSupported", "Logs API is not supported");
		}
		if (subscriptionClosed) {
			return EmulatorResponse.error(403, "Logs.SubscriptionClosed", "Logs API subscription is closed already");
		}
		List<String> errors = new ArrayList<>();
		EmulatedTelemetrySubscription subscription = LogsSubscriptionRequest.parse(extensionName, body, errors);
		if (subscription == null) {
			return EmulatorResponse.error(400, "Logs.ValidationError", String.join("; ", errors));
		}
		if (subscription(extensionName) == null) {
			add(subscription, LogsApiRecords.LOGS_SUBSCRIPTION);
		}
		return EmulatorResponse.json(200, "\"OK\"");
	}

	private void add(EmulatedTelemetrySubscription subscription, String subscribedType) {
		TelemetryBatcher batcher = new TelemetryBatcher(subscription, this.httpClient, this.scheduler,
				this.deliveredBatches::add);
		synchronized (this) {
			if (this.held) {
				batcher.hold();
			}
			for (EmulatedTelemetryEvent event : this.initEvents) {
				offer(batcher, event);
			}
			this.subscriptions.add(subscription);
			this.batchers.add(batcher);
		}
		emit(EmulatedTelemetryEvent.platform(subscribedType,
				Json.object("name", subscription.extensionName(), "state", "Subscribed", "types", subscription.types())));
	}

	static @Nullable URI tcpDestination(@Nullable Object port, List<String> errors) {
		if (!(port instanceof Integer number) || number < 1 || number > 65535) {
			errors.add("port is not provided or out of range 1..65535");
			return null;
		}
		return URI.create("tcp://127.0.0.1:" + number);
	}

	static @Nullable URI validateUri(String text, List<String> errors) {
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (URISyntaxException ex) {
			errors.add("URI is invalid");
			return null;
		}
		if (!"http".equals(uri.getScheme())) {
			errors.add("URI scheme must be http");
			return null;
		}
		String host = uri.getHost();
		if (host == null || !ALLOWED_HOSTS.contains(host)) {
			errors.add("URI host must be sandbox.localdomain");
			return null;
		}
		if (uri.getPort() < 1 || uri.getPort() > 65535) {
			errors.add("URI port is not provided");
			return null;
		}
		String path = (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) ? uri.getRawPath() : "/";
		String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
		return URI.create("http://127.0.0.1:" + uri.getPort() + path + query);
	}

	static int bounded(Map<?, ?> buffering, String key, int min, int max, int defaultValue,
			List<String> errors) {
		Object value = buffering.get(key);
		if (value == null) {
			return defaultValue;
		}
		if (!(value instanceof Integer number)) {
			errors.add(key + " must be an integer");
			return defaultValue;
		}
		if (number < min || number > max) {
			errors.add(key + " must be between " + min + " and " + max);
			return defaultValue;
		}
		return number;
	}

	synchronized void emit(EmulatedTelemetryEvent event) {
		if (this.initOpen) {
			this.initEvents.add(event);
		}
		for (TelemetryBatcher batcher : this.batchers) {
			offer(batcher, event);
		}
	}

	private static void offer(TelemetryBatcher batcher, EmulatedTelemetryEvent event) {
		EmulatedTelemetrySubscription subscription = batcher.subscription();
		if (subscription.accepts(event.stream())) {
			LogsApiRecords.render(event, subscription).forEach((rendered) -> batcher.add(Json.write(rendered)));
		}
	}

	/**
	 * Hold every delivery while the environment is frozen.
	 */
	synchronized void hold() {
		this.held = true;
		this.batchers.forEach(TelemetryBatcher::hold);
	}

	/**
	 * Release the deliveries held by a freeze.
	 * @param immediately whether held events are sent at once rather than in a new batch window
	 */
	synchronized void release(boolean immediately) {
		this.held = false;
		this.batchers.forEach((batcher) -> batcher.release(immediately));
	}

	synchronized boolean isHeld() {
		return this.held;
	}

	@Nullable EmulatedTelemetrySubscription subscription(String extensionName) {
		return this.subscriptions.stream()
			.filter((candidate) -> candidate.extensionName().equals(extensionName))
			.findFirst()
			.orElse(null);
	}

	synchronized void closeInit() {
		this.initOpen = false;
		this.initEvents.clear();
	}

	boolean flush(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		boolean flushed = true;
		for (TelemetryBatcher batcher : this.batchers) {
			Duration remaining = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
			flushed &= batcher.flush(remaining);
		}
		return flushed;
	}

	int postToSubscriber(String extensionName, String rawBody) {
		EmulatedTelemetrySubscription subscription = this.subscriptions.stream()
			.filter((candidate) -> candidate.extensionName().equals(extensionName))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No telemetry subscriber named '" + extensionName + "'"));
		HttpRequest request = HttpRequest.newBuilder(subscription.deliveryUri())
			.timeout(Duration.ofSeconds(5))
			.header("Content-Type", "application/json")
			.method(subscription.deliveryMethod(), HttpRequest.BodyPublishers.ofString(rawBody, StandardCharsets.UTF_8))
			.build();
		try {
			return this.httpClient.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while posting to " + extensionName, ex);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("Could not post to " + extensionName + ": " + ex, ex);
		}
	}

	List<EmulatedTelemetrySubscription> subscriptions() {
		return List.copyOf(this.subscriptions);
	}

	List<DeliveredBatch> deliveredBatches() {
		return List.copyOf(this.deliveredBatches);
	}

	@Override
	public void close() {
		for (TelemetryBatcher batcher : this.batchers) {
			batcher.close();
		}
		this.scheduler.shutdownNow();
		this.httpExecutor.shutdownNow();
	}

}
