package dev.lambdaextension.sample;

import java.util.ArrayList;
import java.util.List;

import dev.lambdaextension.summary.InvocationSummaryEvent;
import dev.lambdaextension.telemetry.TelemetryBatchParser;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.summary.InvocationSummaryJoiner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InvocationTracker}.
 */
class InvocationTrackerTests {

	private final List<InvocationSummary> summaries = new ArrayList<>();

	private final InvocationTracker tracker = new InvocationTracker(List.of(this.summaries::add));

	private final TelemetryBatchParser parser = new TelemetryBatchParser();

	private final InvocationSummaryJoiner joiner = new InvocationSummaryJoiner(10, false);

	@Test
	void reportArrivingWithTheNextInvocationShouldCompleteTheEarlierSummary() {
		deliver(batch(start("a"), textLog("a", "ERROR", "boom"), runtimeDone("a", "error")));
		assertThat(this.summaries).isEmpty();
		deliver(batch(report("a", "error", null), start("b"), runtimeDone("b", "success")));
		assertThat(this.summaries).singleElement().satisfies((summary) -> {
			assertThat(summary.requestId()).isEqualTo("a");
			assertThat(summary.status()).isEqualTo("error");
			assertThat(summary.errorLogLines()).isEqualTo(1);
			assertThat(summary.durationMs()).isEqualTo(12.5);
		});
	}

	@Test
	void jsonLogRecordsShouldBeCountedByLevelAndRequestId() {
		deliver(batch(start("a"),
				"{\"time\":\"2025-11-23T10:15:01.100Z\",\"type\":\"function\",\"record\":{\"timestamp\":"
						+ "\"2025-11-23T10:15:01.100Z\",\"level\":\"ERROR\",\"requestId\":\"a\",\"message\":\"x\"}}",
				report("a", "success", 1893.5)));
		assertThat(this.summaries).singleElement().satisfies((summary) -> {
			assertThat(summary.errorLogLines()).isEqualTo(1);
			assertThat(summary.coldStart()).isTrue();
		});
	}

	@Test
	void drainedSummaryShouldBeReportedIncomplete() {
		deliver(batch(start("a"), runtimeDone("a", "timeout")));
		this.joiner.drain().forEach((summary) -> this.tracker.onSummary(new InvocationSummaryEvent(this, summary)));
		assertThat(this.summaries).singleElement().satisfies((summary) -> {
			assertThat(summary.status()).isEqualTo("timeout");
			assertThat(summary.complete()).isFalse();
			assertThat(summary.describe()).contains("(no report)");
		});
	}

	private void deliver(List<TelemetryEvent> batch) {
		this.tracker.onFunctionLogs(batch);
		this.joiner.accept(batch).forEach((summary) -> this.tracker.onSummary(new InvocationSummaryEvent(this, summary)));
	}

	private List<TelemetryEvent> batch(String... events) {
		return this.parser.parse(("[" + String.join(",", events) + "]").getBytes()).events();
	}

	private static String start(String requestId) {
		return "{\"time\":\"2025-11-23T10:15:01.000Z\",\"type\":\"platform.start\",\"record\":{\"requestId\":\""
				+ requestId + "\"}}";
	}

	private static String textLog(String requestId, String level, String message) {
		return "{\"time\":\"2025-11-23T10:15:01.100Z\",\"type\":\"function\",\"record\":\"2025-11-23T10:15:01.100Z\\t"
				+ requestId + "\\t" + level + "\\t" + message + "\\n\"}";
	}

	private static String runtimeDone(String requestId, String status) {
		return "{\"time\":\"2025-11-23T10:15:01.250Z\",\"type\":\"platform.runtimeDone\",\"record\":{\"requestId\":\""
				+ requestId + "\",\"status\":\"" + status + "\"}}";
	}

	private static String report(String requestId, String status, Double initDurationMs) {
		return "{\"time\":\"2025-11-23T10:15:01.300Z\",\"type\":\"platform.report\",\"record\":{\"requestId\":\""
				+ requestId + "\",\"status\":\"" + status + "\",\"metrics\":{\"durationMs\":12.5,\"billedDurationMs\":13,"
				+ "\"memorySizeMB\":512,\"maxMemoryUsedMB\":141"
				+ ((initDurationMs != null) ? ",\"initDurationMs\":" + initDurationMs : "") + "}}}";
	}

}
