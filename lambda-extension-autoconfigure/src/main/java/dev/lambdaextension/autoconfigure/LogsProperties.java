package dev.lambdaextension.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.lambdaextension.client.LogsApiLimits;
import dev.lambdaextension.client.LogsSubscription;
import dev.lambdaextension.telemetry.TelemetryStream;
import dev.lambdaextension.telemetry.TelemetryTypes;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the legacy Logs API subscription, which feeds the telemetry
 * listeners instead of the Telemetry API.
 *
 * @since 0.2.0
 */
@ConfigurationProperties("lambda.extension.logs")
public class LogsProperties {

	/**
	 * Whether telemetry listeners receive their events through the legacy Logs API instead
	 * of the Telemetry API. Lambda refuses an extension that uses both, so the
	 * lambda.extension.telemetry subscription settings must then be left unset. Not
	 * available on Lambda Managed Instances.
	 */
	private boolean enabled;

	/**
	 * Log streams to subscribe to: platform, function, extension. Defaults to the streams
	 * the registered telemetry listeners need.
	 */
	private List<String> types = new ArrayList<>();

	/**
	 * Schema version of the delivered records: 2021-03-18, which adds
	 * platform.runtimeDone, or 2020-08-15. The freeze barrier needs 2021-03-18.
	 */
	private String schemaVersion = "2021-03-18";

	/**
	 * HTTP method Lambda delivers batches with: post or put.
	 */
	private LogsSubscription.DeliveryMethod method = LogsSubscription.DeliveryMethod.POST;

	private final Buffering buffering = new Buffering();

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

	public String getSchemaVersion() {
		return this.schemaVersion;
	}

	public void setSchemaVersion(String schemaVersion) {
		Assert.isTrue(LogsApiLimits.SCHEMA_VERSIONS.contains(schemaVersion),
				() -> "'schemaVersion' must be one of " + LogsApiLimits.SCHEMA_VERSIONS);
		this.schemaVersion = schemaVersion;
	}

	public LogsSubscription.DeliveryMethod getMethod() {
		return this.method;
	}

	public void setMethod(LogsSubscription.DeliveryMethod method) {
		this.method = method;
	}

	public Buffering getBuffering() {
		return this.buffering;
	}

	/**
	 * Buffering Lambda applies before it delivers a batch of log records, sent with the
	 * subscription.
	 */
	public static class Buffering {

		/**
		 * Most records Lambda buffers before delivering a batch. Between 1000 and 10000.
		 */
		private int maxItems = 10_000;

		/**
		 * Most bytes Lambda buffers before delivering a batch. Between 256KB and 1MB.
		 */
		private DataSize maxBytes = DataSize.ofKilobytes(256);

		/**
		 * Longest time Lambda buffers before delivering a batch. Between 25ms and 30s.
		 * Unset means 25ms when the freeze barrier runs (schema 2021-03-18), which keeps
		 * it cheap, otherwise Lambda's 1s.
		 */
		private @Nullable Duration timeout;

		public int getMaxItems() {
			return this.maxItems;
		}

		public void setMaxItems(int maxItems) {
			BufferingRanges.checkMaxItems(maxItems, LogsApiLimits.MIN_MAX_ITEMS, LogsApiLimits.MAX_MAX_ITEMS);
			this.maxItems = maxItems;
		}

		public DataSize getMaxBytes() {
			return this.maxBytes;
		}

		public void setMaxBytes(DataSize maxBytes) {
			BufferingRanges.checkMaxBytes(maxBytes, LogsApiLimits.MIN_MAX_BYTES, LogsApiLimits.MAX_MAX_BYTES);
			this.maxBytes = maxBytes;
		}

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			BufferingRanges.checkTimeout(timeout, LogsApiLimits.MIN_TIMEOUT_MS, LogsApiLimits.MAX_TIMEOUT_MS);
			this.timeout = timeout;
		}

	}

}
