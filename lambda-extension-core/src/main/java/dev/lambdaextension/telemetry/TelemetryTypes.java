package dev.lambdaextension.telemetry;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Event type and stream names exactly as the Lambda Telemetry API writes them, and the
 * mapping between types, streams and typed views.
 *
 * @since 0.1.0
 */
public final class TelemetryTypes {

	/**
	 * Init began.
	 */
	public static final String PLATFORM_INIT_START = "platform.initStart";

	/**
	 * The runtime finished init.
	 */
	public static final String PLATFORM_INIT_RUNTIME_DONE = "platform.initRuntimeDone";

	/**
	 * Init summary.
	 */
	public static final String PLATFORM_INIT_REPORT = "platform.initReport";

	/**
	 * An invocation began.
	 */
	public static final String PLATFORM_START = "platform.start";

	/**
	 * The runtime finished an invocation.
	 */
	public static final String PLATFORM_RUNTIME_DONE = "platform.runtimeDone";

	/**
	 * Invocation summary with metrics.
	 */
	public static final String PLATFORM_REPORT = "platform.report";

	/**
	 * A SnapStart restore began.
	 */
	public static final String PLATFORM_RESTORE_START = "platform.restoreStart";

	/**
	 * A SnapStart restore finished.
	 */
	public static final String PLATFORM_RESTORE_RUNTIME_DONE = "platform.restoreRuntimeDone";

	/**
	 * SnapStart restore summary.
	 */
	public static final String PLATFORM_RESTORE_REPORT = "platform.restoreReport";

	/**
	 * Registration state of an extension.
	 */
	public static final String PLATFORM_EXTENSION = "platform.extension";

	/**
	 * An extension subscribed to the Telemetry API.
	 */
	public static final String PLATFORM_TELEMETRY_SUBSCRIPTION = "platform.telemetrySubscription";

	/**
	 * Records were dropped.
	 */
	public static final String PLATFORM_LOGS_DROPPED = "platform.logsDropped";

	/**
	 * One function log record.
	 */
	public static final String FUNCTION = "function";

	/**
	 * One extension log record.
	 */
	public static final String EXTENSION = "extension";

	private static final String PLATFORM_PREFIX = "platform.";

	private static final Map<Class<? extends TelemetryEvent>, String> VIEW_TYPES = Map.ofEntries(
			Map.entry(PlatformInitStart.class, PLATFORM_INIT_START),
			Map.entry(PlatformInitRuntimeDone.class, PLATFORM_INIT_RUNTIME_DONE),
			Map.entry(PlatformInitReport.class, PLATFORM_INIT_REPORT), Map.entry(PlatformStart.class, PLATFORM_START),
			Map.entry(PlatformRuntimeDone.class, PLATFORM_RUNTIME_DONE),
			Map.entry(PlatformReport.class, PLATFORM_REPORT),
			Map.entry(PlatformRestoreStart.class, PLATFORM_RESTORE_START),
			Map.entry(PlatformRestoreRuntimeDone.class, PLATFORM_RESTORE_RUNTIME_DONE),
			Map.entry(PlatformRestoreReport.class, PLATFORM_RESTORE_REPORT),
			Map.entry(PlatformExtension.class, PLATFORM_EXTENSION),
			Map.entry(PlatformTelemetrySubscription.class, PLATFORM_TELEMETRY_SUBSCRIPTION),
			Map.entry(PlatformLogsDropped.class, PLATFORM_LOGS_DROPPED), Map.entry(FunctionLog.class, FUNCTION),
			Map.entry(ExtensionLog.class, EXTENSION));

	private static final Set<String> KNOWN_TYPES = Set.copyOf(VIEW_TYPES.values());

	private static final Set<String> KNOWN_NAMES = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
			TelemetryStream.PLATFORM.wireName(), TelemetryStream.FUNCTION.wireName(), TelemetryStream.EXTENSION.wireName(),
			PLATFORM_INIT_START, PLATFORM_INIT_RUNTIME_DONE,
			PLATFORM_INIT_REPORT, PLATFORM_START, PLATFORM_RUNTIME_DONE, PLATFORM_REPORT, PLATFORM_RESTORE_START,
			PLATFORM_RESTORE_RUNTIME_DONE, PLATFORM_RESTORE_REPORT, PLATFORM_EXTENSION, PLATFORM_TELEMETRY_SUBSCRIPTION,
			PLATFORM_LOGS_DROPPED, FUNCTION, EXTENSION)));

	private static final int MAX_SUGGESTION_DISTANCE = 3;

	private TelemetryTypes() {
	}

	/**
	 * Return the name of the stream an event type is delivered on.
	 * @param type the event type
	 * @return the stream name
	 * @see TelemetryStream#of(String)
	 */
	public static String streamOf(String type) {
		return TelemetryStream.of(type).wireName();
	}

	/**
	 * Return the event type a typed view stands for, for example
	 * {@value #PLATFORM_REPORT} for {@link PlatformReport}.
	 * @param view the typed view
	 * @return the event type, or {@code null} for a type that covers several or any
	 * event types ({@link TelemetryEvent}, {@link LogRecord},
	 * {@link UnknownTelemetryEvent})
	 */
	public static @Nullable String typeOf(Class<? extends TelemetryEvent> view) {
		return VIEW_TYPES.get(view);
	}

	/**
	 * Return whether the given type has a typed view.
	 * @param type the event type
	 * @return whether the type is one this model knows
	 */
	public static boolean isKnown(String type) {
		return KNOWN_TYPES.contains(type);
	}

	/**
	 * Return whether the given type belongs to the {@code platform} stream by
	 * name, that is whether it starts with {@code platform.}.
	 * @param type the event type
	 * @return whether the type is a platform type
	 */
	public static boolean isPlatformType(String type) {
		return type.startsWith(PLATFORM_PREFIX);
	}

	/**
	 * Return every stream and event type name this model knows: the streams
	 * ({@code platform}, {@code function}, {@code extension})
	 * followed by the types, in the order they are declared here.
	 * @return the names
	 */
	public static Set<String> knownNames() {
		return KNOWN_NAMES;
	}

	/**
	 * Return the candidate closest to a name, for a "did you mean" message. Closeness is
	 * the edit distance ignoring case, a swap of two adjacent characters counting as one
	 * edit; a candidate is close when it is at most three edits and at most a third of
	 * the name's length away (at least one edit). Ties go to the earlier candidate.
	 * @param name the name, for example {@code platform.reprot}
	 * @param candidates the names it may have been meant as, for example
	 * {@link #knownNames()}
	 * @return the closest candidate, or {@code null} if none is close
	 */
	public static @Nullable String closestMatch(String name, Collection<String> candidates) {
		String lowerCaseName = name.toLowerCase(Locale.ROOT);
		int limit = Math.max(1, Math.min(MAX_SUGGESTION_DISTANCE, name.length() / 3));
		String closest = null;
		int closestDistance = limit + 1;
		for (String candidate : candidates) {
			int distance = distance(lowerCaseName, candidate.toLowerCase(Locale.ROOT));
			if (distance < closestDistance) {
				closest = candidate;
				closestDistance = distance;
			}
		}
		return closest;
	}

	private static int distance(String source, String target) {
		int[][] distances = new int[source.length() + 1][target.length() + 1];
		for (int i = 0; i <= source.length(); i++) {
			distances[i][0] = i;
		}
		for (int j = 0; j <= target.length(); j++) {
			distances[0][j] = j;
		}
		for (int i = 1; i <= source.length(); i++) {
			for (int j = 1; j <= target.length(); j++) {
				int substitution = (source.charAt(i - 1) != target.charAt(j - 1)) ? 1 : 0;
				int distance = Math.min(Math.min(distances[i - 1][j] + 1, distances[i][j - 1] + 1),
						distances[i - 1][j - 1] + substitution);
				if (i > 1 && j > 1 && source.charAt(i - 1) == target.charAt(j - 2)
						&& source.charAt(i - 2) == target.charAt(j - 1)) {
					distance = Math.min(distance, distances[i - 2][j - 2] + 1);
				}
				distances[i][j] = distance;
			}
		}
		return distances[source.length()][target.length()];
	}

}
