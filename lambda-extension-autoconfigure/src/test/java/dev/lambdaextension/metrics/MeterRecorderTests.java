package dev.lambdaextension.metrics;

import dev.lambdaextension.test.logging.LogCapture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MeterRecorder}.
 */
class MeterRecorderTests {

	@RegisterExtension
	final LogCapture logs = LogCapture.of(MeterRecorder.class);

	private final MeterRecorder recorder = new MeterRecorder();

	@Test
	void operationsBeforeBindingShouldBeAppliedInOrderToTheFirstRegistryOnly() {
		this.recorder.record((registry) -> registry.counter("early").increment());
		this.recorder.record((registry) -> registry.counter("early").increment(2));
		SimpleMeterRegistry first = new SimpleMeterRegistry();
		this.recorder.bindTo(first);
		SimpleMeterRegistry second = new SimpleMeterRegistry();
		this.recorder.bindTo(second);
		this.recorder.bindTo(first);
		this.recorder.record((registry) -> registry.counter("late").increment());
		assertThat(first.get("early").counter().count()).isEqualTo(3);
		assertThat(second.find("early").counter()).isNull();
		assertThat(first.get("late").counter().count()).isOne();
		assertThat(second.get("late").counter().count()).isOne();
	}

	@Test
	void operationsBeyondTheLimitBeforeBindingShouldBeLeftOut() {
		for (int i = 0; i < MeterRecorder.MAX_PENDING + 5; i++) {
			this.recorder.record((registry) -> registry.counter("early").increment());
		}
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		this.recorder.bindTo(registry);
		assertThat(registry.get("early").counter().count()).isEqualTo(MeterRecorder.MAX_PENDING);
		assertThat(this.logs.messages(System.Logger.Level.WARNING))
			.containsExactly("5 meter operation(s) recorded before the meter registry was bound were not kept"
					+ " (at most 10000 are)");
	}

}
