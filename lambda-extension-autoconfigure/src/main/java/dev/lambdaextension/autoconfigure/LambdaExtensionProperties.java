package dev.lambdaextension.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.lambdaextension.client.LifecycleEventType;
import dev.lambdaextension.client.TelemetryApiLimits;
import dev.lambdaextension.telemetry.TelemetryStream;
import dev.lambdaextension.telemetry.TelemetryTypes;
import dev.lambdaextension.telemetry.dispatch.OverflowStrategy;
import dev.lambdaextension.telemetry.receiver.TelemetryProtocol;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of a Lambda extension.
 *
 * @since 0.1.0
 */
@ConfigurationProperties(LambdaExtensionProperties.PREFIX)
public class LambdaExtensionProperties {

	static final String PREFIX = "lambda.extension";

	/**
	 * Whether to run as a Lambda extension when a runtime API address is known.
	 */
	private boolean enabled = true;

	/**
	 * Address (host:port) of the Lambda runtime API. Defaults to the AWS_LAMBDA_RUNTIME_API
	 * environment variable.
	 */
	private @Nullable String runtimeApi;

	/**
	 * Extension name sent at registration; for an external extension it must equal the
	 * file name of its launcher in /opt/extensions. Defaults to the launcher's file name,
	 * then to spring.application.name; for an internal extension to
	 * spring.application.name, then to spring-internal-extension.
	 */
	private @Nullable String name;

	/**
	 * Lifecycle events to register for. Unset means INVOKE and SHUTDOWN, or SHUTDOWN
	 * alone on Lambda Managed Instances, which refuse INVOKE, or INVOKE alone for an
	 * internal extension, for which Lambda refuses SHUTDOWN.
	 */
	private @Nullable Set<LifecycleEventType> events;

	/**
	 * Whether the function runs on Lambda Managed Instances: SHUTDOWN-only registration,
	 * no freeze barrier, schema 2025-01-29. Unset means detected from
	 * AWS_LAMBDA_INITIALIZATION_TYPE.
	 */
	private @Nullable Boolean managedInstances;

	/**
	 * Kind of extension: external, a process of its own started from /opt/extensions, or
	 * internal, running inside the function's own JVM (INVOKE only, no SHUTDOWN, never
	 * ends the process). Unset means internal when the _HANDLER variable is set, which
	 * Lambda sets for the function's runtime only.
	 */
	private @Nullable Mode mode;

	/**
	 * Whether to ask Lambda for the function's account id at registration.
	 */
	private boolean acceptAccountId = true;

	/**
	 * Whether to register while the application context is still being built, so that
	 * Lambda can start the function's runtime sooner.
	 */
	private boolean earlyRegistration = true;

	/**
	 * Read timeout of every runtime API call except the event/next long poll, which has
	 * none.
	 */
	private Duration requestTimeout = Duration.ofSeconds(5);

	private final Retry retry = new Retry();

	private final Shutdown shutdown = new Shutdown();

	private final Telemetry telemetry = new Telemetry();

	/**
	 * Bind the settings from an environment as the application context binds them, for
	 * what must be known before the context exists.
	 * @param environment the environment
	 * @return the settings, defaults where unset
	 */
	static LambdaExtensionProperties bind(Environment environment) {
		return Binder.get(environment).bindOrCreate(PREFIX, LambdaExtensionProperties.class);
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getRuntimeApi() {
		return this.runtimeApi;
	}

	public void setRuntimeApi(@Nullable String runtimeApi) {
		Assert.isTrue(runtimeApi == null || runtimeApi.isBlank() || runtimeApi.matches("[^/\\s:]+:\\d{1,5}"),
				"'runtimeApi' must be host:port, for example 127.0.0.1:9001");
		this.runtimeApi = runtimeApi;
	}

	public @Nullable String getName() {
		return this.name;
	}

	public void setName(@Nullable String name) {
		this.name = name;
	}

	public @Nullable Set<LifecycleEventType> getEvents() {
		return this.events;
	}

	public void setEvents(@Nullable Set<LifecycleEventType> events) {
		this.events = events;
	}

	public @Nullable Boolean getManagedInstances() {
		return this.managedInstances;
	}

	public void setManagedInstances(@Nullable Boolean managedInstances) {
		this.managedInstances = managedInstances;
	}

	public @Nullable Mode getMode() {
		return this.mode;
	}

	public void setMode(@Nullable Mode mode) {
		this.mode = mode;
	}

	public boolean isAcceptAccountId() {
		return this.acceptAccountId;
	}

	public void setAcceptAccountId(boolean acceptAccountId) {
		this.acceptAccountId = acceptAccountId;
	}

	public boolean isEarlyRegistration() {
		return this.earlyRegistration;
	}

	public void setEarlyRegistration(boolean earlyRegistration) {
		this.earlyRegistration = earlyRegistration;
	}

	public Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	public void setRequestTimeout(Duration requestTimeout) {
		Assert.isTrue(requestTimeout.toMillis() >= 1, "'requestTimeout' must be at least 1ms");
		this.requestTimeout = requestTimeout;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	public Telemetry getTelemetry() {
		return this.telemetry;
	}

	/**
	 * Kind of extension: where it runs and who ends it.
	 */
	public enum Mode {

		/**
		 * A process of its own, started by Lambda from /opt/extensions.
		 */
		EXTERNAL,

		/**
		 * Inside the function's JVM, started and stopped with it.
		 */
		INTERNAL

	}

	/**
	 * Retry of transient event/next failures.
	 */
	public static class Retry {

		/**
		 * Attempts of event/next, the first included, before a transient failure (5xx or
		 * no connection) is fatal. Between 1 and 10.
		 */
		private int maxAttempts = 3;

		/**
		 * Delay before the second attempt; it doubles with each further attempt.
		 */
		private Duration initialDelay = Duration.ofMillis(100);

		/**
		 * Longest delay between two attempts.
		 */
		private Duration maxDelay = Duration.ofSeconds(1);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			Assert.isTrue(maxAttempts >= 1 && maxAttempts <= 10, "'maxAttempts' must be between 1 and 10");
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			Assert.isTrue(!initialDelay.isNegative() && initialDelay.compareTo(Duration.ofSeconds(10)) <= 0,
					"'initialDelay' must be between 0 and 10s");
			this.initialDelay = initialDelay;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			Assert.isTrue(!maxDelay.isNegative() && maxDelay.compareTo(Duration.ofSeconds(30)) <= 0,
					"'maxDelay' must be between 0 and 30s");
			this.maxDelay = maxDelay;
		}

	}

	/**
	 * What happens after SHUTDOWN or a fatal failure.
	 */
	public static class Shutdown {

		/**
		 * Whether to close the application context and exit the JVM after SHUTDOWN (status
		 * 0, or 1 when accepted telemetry was lost) or a fatal failure (status 1). Turn off only for tests that run the extension
		 * inside their own JVM.
		 */
		private boolean exitProcess = true;

		/**
		 * How long before the SHUTDOWN deadline receiving and delivering the late
		 * telemetry must end. The process is halted at the latest half of it before the
		 * deadline. Between 0 and 1s.
		 */
		private Duration safetyMargin = Duration.ofMillis(500);

		/**
		 * How long without telemetry after SHUTDOWN means that nothing more is coming,
		 * when the report of an invocation is still missing. Unset means the buffering
		 * timeout plus 100ms.
		 */
		private @Nullable Duration quietPeriod;

		/**
		 * How long an internal extension delivers the telemetry it still holds when the
		 * function's JVM stops; Lambda gives the runtime about 500ms after SIGTERM when
		 * an extension is registered. Between 0 and 1s.
		 */
		private Duration internalDrainTimeout = Duration.ofMillis(300);

		public boolean isExitProcess() {
			return this.exitProcess;
		}

		public void setExitProcess(boolean exitProcess) {
			this.exitProcess = exitProcess;
		}

		public Duration getSafetyMargin() {
			return this.safetyMargin;
		}

		public void setSafetyMargin(Duration safetyMargin) {
			Assert.isTrue(!safetyMargin.isNegative() && safetyMargin.compareTo(Duration.ofSeconds(1)) <= 0,
					"'safetyMargin' must be between 0 and 1s");
			this.safetyMargin = safetyMargin;
		}

		public @Nullable Duration getQuietPeriod() {
			return this.quietPeriod;
		}

		public void setQuietPeriod(@Nullable Duration quietPeriod) {
			Assert.isTrue(quietPeriod == null
					|| (!quietPeriod.isNegative() && quietPeriod.compareTo(Duration.ofSeconds(30)) <= 0),
					"'quietPeriod' must be between 0 and 30s");
			this.quietPeriod = quietPeriod;
		}

		public Duration getInternalDrainTimeout() {
			return this.internalDrainTimeout;
		}

		public void setInternalDrainTimeout(Duration internalDrainTimeout) {
			Assert.isTrue(!internalDrainTimeout.isNegative() && internalDrainTimeout.compareTo(Duration.ofSeconds(1)) <= 0,
					"'internalDrainTimeout' must be between 0 and 1s");
			this.internalDrainTimeout = internalDrainTimeout;
		}

	}

	/**
	 * Telemetry API subscription and delivery to telemetry listeners.
	 */
	public static class Telemetry {

		/**
		 * Whether to subscribe to the Telemetry API when listeners or the types property
		 * ask for telemetry.
		 */
		private boolean enabled = true;

		/**
		 * Telemetry streams to subscribe to: platform, function, extension. Defaults to
		 * the streams the registered telemetry listeners need.
		 */
		private List<String> types = new ArrayList<>();

		/**
		 * Platform event types, newer than this library, that telemetry listeners may
		 * declare, for example platform.fault. Each must start with 'platform.'.
		 */
		private List<String> additionalTypes = new ArrayList<>();

		/**
		 * Schema version of the delivered events: 2022-07-01, 2022-12-13 or 2025-01-29.
		 * When Lambda refuses it with a 400, older versions are tried, except on Lambda
		 * Managed Instances, which accept only 2025-01-29.
		 */
		private String schemaVersion = "2025-01-29";

		/**
		 * Protocol Lambda delivers telemetry with: http (acknowledged, retried) or tcp
		 * (newline-delimited JSON, unacknowledged, so events can be lost).
		 */
		private TelemetryProtocol protocol = TelemetryProtocol.HTTP;

		private final Buffering buffering = new Buffering();

		private final Receiver receiver = new Receiver();

		private final Dispatch dispatch = new Dispatch();

		private final Barrier barrier = new Barrier();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getTypes() {
			return this.types;
		}

		public void setTypes(List<String> types) {
			for (String type : types) {
				Assert.isTrue(TelemetryStream.fromWireName(type) != null, () -> {
					String closest = TelemetryTypes.closestMatch(type, TelemetryStream.wireNames());
					return "'types' must contain only " + TelemetryStream.wireNames() + ", not '" + type + "'"
							+ ((closest != null) ? " (did you mean '" + closest + "'?)" : "");
				});
			}
			this.types = types;
		}

		public List<String> getAdditionalTypes() {
			return this.additionalTypes;
		}

		public void setAdditionalTypes(List<String> additionalTypes) {
			for (String type : additionalTypes) {
				Assert.isTrue(TelemetryTypes.isPlatformType(type),
						() -> "'additionalTypes' must contain only types starting with 'platform.', not '" + type + "'");
			}
			this.additionalTypes = additionalTypes;
		}

		public String getSchemaVersion() {
			return this.schemaVersion;
		}

		public void setSchemaVersion(String schemaVersion) {
			Assert.isTrue(TelemetryApiLimits.SCHEMA_VERSIONS.contains(schemaVersion),
					() -> "'schemaVersion' must be one of " + TelemetryApiLimits.SCHEMA_VERSIONS);
			this.schemaVersion = schemaVersion;
		}

		public Buffering getBuffering() {
			return this.buffering;
		}

		public Receiver getReceiver() {
			return this.receiver;
		}

		public TelemetryProtocol getProtocol() {
			return this.protocol;
		}

		public void setProtocol(TelemetryProtocol protocol) {
			this.protocol = protocol;
		}

		/**
		 * Return the receiver settings under their former name.
		 * @return the receiver settings
		 * @deprecated since 0.2.0 in favour of {@link #getReceiver()}: these settings
		 * configure the HTTP server that receives batches, not a telemetry listener (the
		 * configuration metadata marks each former property name deprecated)
		 */
		@Deprecated(since = "0.2.0")
		public Receiver getListener() {
			return this.receiver;
		}

		public Dispatch getDispatch() {
			return this.dispatch;
		}

		public Barrier getBarrier() {
			return this.barrier;
		}

	}

	/**
	 * Buffering Lambda applies before it delivers a batch, sent with the subscription.
	 */
	public static class Buffering {

		/**
		 * Most events Lambda buffers before delivering a batch. Between 1000 and 10000.
		 */
		private int maxItems = 1_000;

		/**
		 * Most bytes Lambda buffers before delivering a batch. Between 256KB and 1MB.
		 */
		private DataSize maxBytes = DataSize.ofKilobytes(256);

		/**
		 * Longest time Lambda buffers before delivering a batch. Between 25ms and 30s.
		 * Unset means 25ms, which keeps the freeze barrier after each invocation cheap, or
		 * 1s on Lambda Managed Instances, which have no barrier.
		 */
		private @Nullable Duration timeout;

		public int getMaxItems() {
			return this.maxItems;
		}

		public void setMaxItems(int maxItems) {
			BufferingRanges.checkMaxItems(maxItems, TelemetryApiLimits.MIN_MAX_ITEMS, TelemetryApiLimits.MAX_MAX_ITEMS);
			this.maxItems = maxItems;
		}

		public DataSize getMaxBytes() {
			return this.maxBytes;
		}

		public void setMaxBytes(DataSize maxBytes) {
			BufferingRanges.checkMaxBytes(maxBytes, TelemetryApiLimits.MIN_MAX_BYTES, TelemetryApiLimits.MAX_MAX_BYTES);
			this.maxBytes = maxBytes;
		}

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			BufferingRanges.checkTimeout(timeout, TelemetryApiLimits.MIN_TIMEOUT_MS, TelemetryApiLimits.MAX_TIMEOUT_MS);
			this.timeout = timeout;
		}

	}

	/**
	 * Local HTTP server Lambda posts telemetry batches to.
	 */
	public static class Receiver {

		/**
		 * Host name sent in the subscription's destination. The receiver binds to the
		 * address it resolves to, or to the loopback address when it does not resolve.
		 */
		private String host = "sandbox.localdomain";

		/**
		 * Port to listen on; 0 picks a free port. 9001 is reserved by Lambda.
		 */
		private int port = 0;

		/**
		 * Address to bind to instead of the one the host resolves to, for example 0.0.0.0
		 * to listen on every interface.
		 */
		private @Nullable String bindAddress;

		/**
		 * Largest request body accepted; larger ones are answered 413. Defaults to twice
		 * the buffering max-bytes plus room for the event envelopes.
		 */
		private @Nullable DataSize maxBodySize;

		/**
		 * Path Lambda posts batches to; requests to any other path are answered 404.
		 */
		private String path = "/telemetry";

		/**
		 * Longest wait for any single read from a sender; a sender that stalls longer is
		 * disconnected.
		 */
		private Duration readTimeout = Duration.ofSeconds(5);

		/**
		 * Most connections served at once; more are answered 503. Between 2 and 1024.
		 */
		private int maxConnections = 64;

		public String getHost() {
			return this.host;
		}

		public void setHost(String host) {
			Assert.hasText(host, "'host' must not be empty");
			this.host = host;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			Assert.isTrue(port >= 0 && port <= 65535 && port != TelemetryApiLimits.RESERVED_PORT,
					"'port' must be between 0 and 65535 and must not be 9001, which Lambda reserves");
			this.port = port;
		}

		public @Nullable String getBindAddress() {
			return this.bindAddress;
		}

		public void setBindAddress(@Nullable String bindAddress) {
			this.bindAddress = bindAddress;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			Assert.isTrue(path.startsWith("/") && !path.contains("?") && !path.contains(" "),
					"'path' must start with '/' and hold no query or space");
			this.path = path;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			Assert.isTrue(readTimeout.toMillis() >= 1 && readTimeout.compareTo(Duration.ofMinutes(5)) <= 0,
					"'readTimeout' must be between 1ms and 5m");
			this.readTimeout = readTimeout;
		}

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			Assert.isTrue(maxConnections >= 2 && maxConnections <= 1024, "'maxConnections' must be between 2 and 1024");
			this.maxConnections = maxConnections;
		}

		public @Nullable DataSize getMaxBodySize() {
			return this.maxBodySize;
		}

		public void setMaxBodySize(@Nullable DataSize maxBodySize) {
			Assert.isTrue(maxBodySize == null || maxBodySize.toBytes() >= TelemetryApiLimits.MIN_MAX_BYTES,
					"'maxBodySize' must be at least 256KB");
			this.maxBodySize = maxBodySize;
		}

	}

	/**
	 * In-process queue between the telemetry receiver and the listener methods.
	 */
	public static class Dispatch {

		/**
		 * Most events waiting for dispatch. Between 1000 and 1000000.
		 */
		private int queueCapacity = 10_000;

		/**
		 * What to do with a batch that does not fit the queue: reject (Lambda keeps and
		 * resends it), drop-oldest or drop-newest.
		 */
		private OverflowStrategy overflowStrategy = OverflowStrategy.REJECT;

		/**
		 * Name of an Executor bean to dispatch on instead of the extension's own thread.
		 */
		private @Nullable String executor;

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			Assert.isTrue(queueCapacity >= 1_000 && queueCapacity <= 1_000_000,
					"'queueCapacity' must be between 1000 and 1000000");
			this.queueCapacity = queueCapacity;
		}

		public OverflowStrategy getOverflowStrategy() {
			return this.overflowStrategy;
		}

		public void setOverflowStrategy(OverflowStrategy overflowStrategy) {
			this.overflowStrategy = overflowStrategy;
		}

		public @Nullable String getExecutor() {
			return this.executor;
		}

		public void setExecutor(@Nullable String executor) {
			this.executor = executor;
		}

	}

	/**
	 * Freeze barrier: after an INVOKE, wait for that invocation's platform.runtimeDone to
	 * be received and dispatched before calling event/next again.
	 */
	public static class Barrier {

		/**
		 * Whether to hold event/next until the invocation's platform.runtimeDone has
		 * reached the listeners.
		 */
		private boolean enabled = true;

		/**
		 * Longest wait for platform.runtimeDone; never past the invocation's deadline.
		 */
		private Duration timeout = Duration.ofSeconds(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			Assert.isTrue(!timeout.isNegative() && timeout.compareTo(Duration.ofMinutes(15)) <= 0,
					"'timeout' must be between 0 and 15m");
			this.timeout = timeout;
		}

	}

}
