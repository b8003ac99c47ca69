package dev.lambdaextension.test.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The Extensions API and the subscription endpoints as Lambda enforces them: register, {@code event/next}
 * (parking until an event is pending), {@code init/error}, {@code exit/error}, and the Telemetry and Logs API
 * subscriptions. Each handler validates the call and updates the {@link EmulatorState} under its monitor, or
 * throws an {@link ApiException} with Lambda's status and error type.
 */
final class ControlPlane {

	private final EmulatorSettings settings;

	private final EmulatorState state;

	private final PhaseRunner phases;

	private final EmulatedTelemetryApi telemetry;

	ControlPlane(EmulatorSettings settings, EmulatorState state, PhaseRunner phases, EmulatedTelemetryApi telemetry) {
		this.settings = settings;
		this.state = state;
		this.phases = phases;
		this.telemetry = telemetry;
	}

	static void requireMethod(String expected, String actual) {
		if (!expected.equals(actual)) {
			throw new ApiException(405, "MethodNotAllowed", "Method " + actual + " not allowed");
		}
	}

	static @Nullable String header(Map<String, List<String>> headers, String name) {
		List<String> values = headers.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	EmulatorResponse register(Map<String, List<String>> headers, String body, long nanos, Instant at) {
		String name = header(headers, "Lambda-Extension-Name");
		if (name == null || name.isBlank()) {
			throw new ApiException(403, "Extension.InvalidExtensionName", "Empty extension name");
		}
		Map<String, Object> json = Json.readObject(body);
		if (json == null) {
			throw new ApiException(403, "InvalidRequestFormat", "Request body is not a valid JSON object");
		}
		if (json.containsKey("configurationKeys")) {
			throw new ApiException(403, "InvalidRequestFormat",
					"configurationKeys are deprecated; use environment variables instead");
		}
		Object eventsNode = json.get("events");
		List<String> events = new ArrayList<>();
		if (eventsNode != null && !(eventsNode instanceof List)) {
			throw new ApiException(403, "InvalidRequestFormat", "events must be an array");
		}
		if (eventsNode instanceof List<?> list) {
			for (Object event : list) {
				if (!"INVOKE".equals(event) && !"SHUTDOWN".equals(event)) {
					throw new ApiException(403, "Extension.InvalidEventType", event + ": InvalidEventType");
				}
				if (!events.contains(event)) {
					events.add((String) event);
				}
			}
		}
		if (this.settings.managedInstances() && events.contains("INVOKE")) {
			throw new ApiException(403, "Extension.InvalidEventType",
					"INVOKE: InvokeEventNotSupportedForLambdaManagedInstances");
		}
		Set<String> externalNames = this.settings.externalNames();
		boolean external = externalNames == null || externalNames.contains(name);
		if (!external && events.contains("SHUTDOWN")) {
			throw new ApiException(403, "Extension.InvalidEventType",
					"SHUTDOWN: ShutdownEventNotSupportedForInternalExtension");
		}
		Set<String> features = new LinkedHashSet<>();
		String acceptFeature = header(headers, "Lambda-Extension-Accept-Feature");
		if (acceptFeature != null) {
			for (String feature : acceptFeature.split(",")) {
				features.add(feature.trim());
			}
		}
		ExtensionRecord extension;
		synchronized (this.state.monitor) {
			ExtensionRecord existing = this.state.findByName(name);
			if (existing != null) {
				throw new ApiException(403, "Extension.InvalidExtensionState", "State transition from "
						+ existing.state.wireName() + " to Registered failed for extension " + name
						+ ". Error: State transition is not allowed");
			}
			if (this.state.registrationClosed) {
				throw new ApiException(403, "Extension.RegistrationClosed", "Extension registration closed already");
			}
			if (this.state.extensions.size() >= LambdaEmulator.MAX_EXTENSIONS) {
				throw new ApiException(403, "Extension.TooManyExtensions",
						"Extension limit (" + LambdaEmulator.MAX_EXTENSIONS + ") reached");
			}
			extension = new ExtensionRecord(name, UUID.randomUUID().toString(), List.copyOf(events), external, at,
					nanos);
			this.state.extensions.put(extension.id, extension);
			this.state.monitor.notifyAll();
		}
		Map<String, Object> responseBody = Json.object("functionName", this.settings.functionName(), "functionVersion",
				this.settings.functionVersion(), "handler", this.settings.handler(), "accountId",
				features.contains("accountId") ? this.settings.accountId() : null);
		return EmulatorResponse.json(200, Json.write(responseBody))
			.withHeader("Lambda-Extension-Identifier", extension.id);
	}

	private ExtensionRecord lookup(Map<String, List<String>> headers) {
		String id = header(headers, "Lambda-Extension-Identifier");
		if (id == null || id.isBlank()) {
			throw new ApiException(403, "Extension.MissingExtensionIdentifier",
					"Missing Lambda-Extension-Identifier header");
		}
		try {
			UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException(403, "Extension.InvalidExtensionIdentifier", "Invalid Lambda-Extension-Identifier");
		}
		ExtensionRecord extension = this.state.extensions.get(id);
		if (extension == null) {
			throw new ApiException(403, "Extension.UnknownExtensionIdentifier", "Unknown extension " + id);
		}
		return extension;
	}

	private static ApiException invalidState(ExtensionRecord extension, String target) {
		return new ApiException(403, "Extension.InvalidExtensionState",
				"State transition from " + extension.state.wireName() + " to " + target + " failed for extension "
						+ extension.name + ". Error: State transition is not allowed");
	}

	EmulatorResponse next(Map<String, List<String>> headers, long nanos, Instant at) {
		synchronized (this.state.monitor) {
			ExtensionRecord extension = lookup(headers);
			if (extension.state.isTerminal() || extension.shutdownReceived || extension.parked) {
				throw invalidState(extension, "Ready");
			}
			extension.nextCount++;
			if (extension.firstNextNanos == null) {
				extension.firstNextNanos = nanos;
				extension.firstNextAt = at;
			}
			// An INVOKE still waiting has not been handed out: this call starts that invocation, it does not end it.
			this.phases.extensionCalledNext(extension, nanos);
			extension.state = EmulatedExtensionState.READY;
			extension.parked = true;
			this.state.monitor.notifyAll();
			try {
				while (extension.pending == null && !this.state.closed && !extension.state.isTerminal()
						&& !extension.nextDropped) {
					this.state.monitor.wait();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			extension.parked = false;
			if (extension.nextDropped) {
				extension.nextDropped = false;
				this.state.monitor.notifyAll();
				throw new DroppedConnection("next of " + extension.name + " dropped by the restore");
			}
			PendingEvent event = extension.pending;
			if (event == null) {
				this.state.monitor.notifyAll();
				throw new ApiException(500, "InternalServerError", "Internal Server Error");
			}
			extension.pending = null;
			extension.state = EmulatedExtensionState.RUNNING;
			if ("SHUTDOWN".equals(event.type())) {
				extension.shutdownReceived = true;
			}
			else if ("INVOKE".equals(event.type())) {
				extension.invokeCount++;
			}
			this.state.monitor.notifyAll();
			String sentBody = this.state.faults.eventBody(event.body());
			extension.handingOut = new ExtensionRecord.HandOut(extension.id, extension.name, event, sentBody);
			EmulatorResponse response = new EmulatorResponse(200, sentBody, Map.of())
				.withHeader("Lambda-Extension-Event-Identifier", UUID.randomUUID().toString());
			return "INVOKE".equals(event.type()) ? response.withHeader("Content-Type", "application/json") : response;
		}
	}

	EmulatorResponse reportError(Map<String, List<String>> headers, String body, boolean init) {
		synchronized (this.state.monitor) {
			ExtensionRecord extension = lookup(headers);
			String errorType = header(headers, "Lambda-Extension-Function-Error-Type");
			if (errorType == null || errorType.isBlank()) {
				throw new ApiException(403, "Extension.MissingHeader",
						"Missing Lambda-Extension-Function-Error-Type header");
			}
			if (init) {
				if (extension.state == EmulatedExtensionState.INIT_ERROR) {
					return EmulatorResponse.json(202, "{\"status\":\"OK\"}");
				}
				if (extension.state != EmulatedExtensionState.REGISTERED || extension.nextCount > 0) {
					throw invalidState(extension, "InitError");
				}
				extension.state = EmulatedExtensionState.INIT_ERROR;
				extension.initErrorType = errorType;
				extension.initErrorBody = body;
			}
			else {
				if (extension.state.isTerminal()) {
					throw invalidState(extension, "ExitError");
				}
				extension.state = EmulatedExtensionState.EXIT_ERROR;
				extension.exitErrorType = errorType;
				extension.exitErrorBody = body;
			}
			this.state.monitor.notifyAll();
			return EmulatorResponse.json(202, "{\"status\":\"OK\"}");
		}
	}

	EmulatorResponse subscribeTelemetry(Map<String, List<String>> headers, String body, long nanos) {
		synchronized (this.state.monitor) {
			if (!this.telemetry.supported()) {
				return this.telemetry.subscribe("", body, false);
			}
			ExtensionRecord extension = lookup(headers);
			if (extension.logsSubscribed) {
				throw new ApiException(403, "Telemetry.InvalidSubscription",
						"Extension already subscribed to the Logs API; the Telemetry API and the Logs API are mutually exclusive");
			}
			EmulatorResponse response = this.telemetry.subscribe(extension.name, body,
					this.state.subscriptionClosed());
			if (response.status() == 200) {
				extension.telemetrySubscribed = true;
				extension.telemetrySubscribedNanos = nanos;
			}
			return response;
		}
	}

	/**
	 * Logs API subscription. Refused with 403 on Lambda Managed Instances, which have no Logs API (observed; the
	 * docs do not say with which status, so the strict answer). An extension subscribed to the Telemetry API is
	 * refused with 403: the docs say only that it gets an error, 403 is the strict choice, as for the reverse.
	 */
	EmulatorResponse subscribeLogs(Map<String, List<String>> headers, String body, long nanos) {
		synchronized (this.state.monitor) {
			if (this.settings.managedInstances()) {
				throw new ApiException(403, "Logs.NotSupported",
						"Logs API is not supported on Lambda Managed Instances; use the Telemetry API");
			}
			if (!this.telemetry.supported()) {
				return this.telemetry.subscribeLogs("", body, false);
			}
			ExtensionRecord extension = lookup(headers);
			if (extension.telemetrySubscribed) {
				throw new ApiException(403, "Logs.InvalidSubscription",
						"Extension already subscribed to the Telemetry API; the Telemetry API and the Logs API are mutually exclusive");
			}
			EmulatorResponse response = this.telemetry.subscribeLogs(extension.name, body,
					this.state.subscriptionClosed());
			if (response.status() == 200 && !extension.logsSubscribed) {
				extension.logsSubscribed = true;
				extension.telemetrySubscribedNanos = nanos;
			}
			return response;
		}
	}

}
