package dev.lambdaextension.telemetry;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The {@code tracing} object of a platform event.
 *
 * @param spanId the span id, when present
 * @param type the tracing type, in practice {@value #X_AMZN_TRACE_ID}
 * @param value the tracing header value, for example
 * {@code Root=1-…;Parent=…;Sampled=1}
 * @since 0.1.0
 */
public record TraceContext(@Nullable String spanId, String type, String value) {

	/**
	 * The only tracing type Lambda documents.
	 */
	public static final String X_AMZN_TRACE_ID = "X-Amzn-Trace-Id";

	public TraceContext {
		Objects.requireNonNull(type, "'type' must not be null");
		Objects.requireNonNull(value, "'value' must not be null");
	}

	/**
	 * Return whether this is an X-Ray trace header ({@value #X_AMZN_TRACE_ID}).
	 * @return whether the type is {@value #X_AMZN_TRACE_ID}
	 */
	public boolean isXRay() {
		return X_AMZN_TRACE_ID.equalsIgnoreCase(this.type);
	}

	static TraceContext from(JsonNode node) {
		return new TraceContext(RecordFields.optionalString(node, "spanId"), RecordFields.requiredString(node, "type"),
				RecordFields.requiredString(node, "value"));
	}

}
