package dev.lambdaextension.telemetry.summary;

import java.time.Instant;
import java.util.List;

import dev.lambdaextension.telemetry.PlatformReport;
import dev.lambdaextension.telemetry.PlatformRuntimeDone;
import dev.lambdaextension.telemetry.PlatformStart;
import dev.lambdaextension.telemetry.TelemetryTypes;
import dev.lambdaextension.telemetry.summary.InvocationSummary.Closure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link InvocationSummaryJoiner}.
 */
class InvocationSummaryJoinerTests {

	private static final Instant TIME = Instant.parse("2025-11-23T10:15:01Z");

	private final InvocationSummaryJoiner joiner = new InvocationSummaryJoiner(2, false);

	@Test
	void reportClosesACompleteSummary() {
		assertThat(this.joiner.accept(List.of(start("a"), runtimeDone("a", "success")))).isEmpty();
		List<InvocationSummary> closed = this.joiner.accept(List.of(report("a", null)));
		assertThat(closed).singleElement().satisfies((summary) -> {
			assertThat(summary.requestId()).isEqualTo("a");
			assertThat(summary.complete()).isTrue();
			assertThat(summary.missing()).isEmpty();
			assertThat(summary.closedBy()).isEqualTo(Closure.REPORT);
			assertThat(summary.status()).isEqualTo("success");
		});
		assertThat(this.joiner.openCount()).isZero();
	}

	@Test
	void lateReportAfterTheNextInvocationJoinsItsOwnRequest() {
		this.joiner.accept(List.of(start("a"), runtimeDone("a", "success"), start("b")));
		List<InvocationSummary> closed = this.joiner.accept(List.of(report("a", "success")));
		assertThat(closed).extracting(InvocationSummary::requestId).containsExactly("a");
		assertThat(closed.get(0).complete()).isTrue();
		assertThat(this.joiner.openCount()).isOne();
	}

	@Test
	void interleavedConcurrentInvocationsAreJoinedByRequestId() {
		List<InvocationSummary> closed = this.joiner.accept(List.of(start("a"), start("b"), runtimeDone("b", "error"),
				report("b", "error"), runtimeDone("a", "success"), report("a", "success")));
		assertThat(closed).extracting(InvocationSummary::requestId).containsExactly("b", "a");
		assertThat(closed).allMatch(InvocationSummary::complete);
		assertThat(closed.get(0).status()).isEqualTo("error");
	}

	@Test
	void reportWithoutEarlierPartsClosesAnIncompleteSummary() {
		InvocationSummary summary = this.joiner.accept(List.of(report("a", "timeout"))).get(0);
		assertThat(summary.complete()).isFalse();
		assertThat(summary.missing()).containsExactly(TelemetryTypes.PLATFORM_START,
				TelemetryTypes.PLATFORM_RUNTIME_DONE);
		assertThat(summary.status()).isEqualTo("timeout");
	}

	@Test
	void openingMoreThanCapacityEvictsTheOldest() {
		List<InvocationSummary> closed = this.joiner.accept(List.of(start("a"), start("b"), start("c")));
		assertThat(closed).singleElement().satisfies((summary) -> {
			assertThat(summary.requestId()).isEqualTo("a");
			assertThat(summary.closedBy()).isEqualTo(Closure.EVICTED);
			assertThat(summary.missing()).containsExactly(TelemetryTypes.PLATFORM_RUNTIME_DONE,
					TelemetryTypes.PLATFORM_REPORT);
		});
		assertThat(this.joiner.openCount()).isEqualTo(2);
	}

	@Test
	void drainClosesEveryOpenSummaryInOpeningOrder() {
		this.joiner.accept(List.of(start("a"), start("b"), runtimeDone("a", "success")));
		List<InvocationSummary> drained = this.joiner.drain();
		assertThat(drained).extracting(InvocationSummary::requestId).containsExactly("a", "b");
		assertThat(drained).extracting(InvocationSummary::closedBy).containsOnly(Closure.SHUTDOWN);
		assertThat(drained.get(0).missing()).containsExactly(TelemetryTypes.PLATFORM_REPORT);
		assertThat(drained.get(0).status()).isEqualTo("success");
		assertThat(this.joiner.openCount()).isZero();
	}

	@Test
	void managedInstancesSummaryIsCompleteWithoutRuntimeDone() {
		InvocationSummaryJoiner managed = new InvocationSummaryJoiner(2, true);
		InvocationSummary summary = managed.accept(List.of(start("a"), report("a", "success"))).get(0);
		assertThat(summary.complete()).isTrue();
		assertThat(summary.runtimeDone()).isNull();
		assertThat(managed.accept(List.of(report("b", "success"))).get(0).missing())
			.containsExactly(TelemetryTypes.PLATFORM_START);
	}

	@Test
	void capacityOutOfRangeIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new InvocationSummaryJoiner(0, false))
			.withMessage("'capacity' must be between 1 and 100000, was 0");
	}

	private static PlatformStart start(String requestId) {
		return new PlatformStart(TIME, requestId, null, null, null, JsonNodeFactory.instance.objectNode());
	}

	private static PlatformRuntimeDone runtimeDone(String requestId, String status) {
		return new PlatformRuntimeDone(TIME, requestId, status, null, null, List.of(), null, null,
				JsonNodeFactory.instance.objectNode());
	}

	private static PlatformReport report(String requestId, String status) {
		return new PlatformReport(TIME, requestId, status, null, null, List.of(), null, null,
				JsonNodeFactory.instance.objectNode());
	}

}
