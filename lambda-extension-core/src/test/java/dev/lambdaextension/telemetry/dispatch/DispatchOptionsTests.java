package dev.lambdaextension.telemetry.dispatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Tests for {@link DispatchOptions}.
 */
class DispatchOptionsTests {

	@Test
	void defaultsShouldUseDefaultConstants() {
		DispatchOptions options = DispatchOptions.defaults();
		assertThat(options.getCapacity()).isEqualTo(DispatchOptions.DEFAULT_CAPACITY);
		assertThat(options.getOverflowStrategy()).isEqualTo(DispatchOptions.DEFAULT_OVERFLOW_STRATEGY);
		assertThat(DispatchOptions.builder().build()).isEqualTo(options);
	}

	@Test
	void toBuilderShouldCopyOptions() {
		DispatchOptions options = DispatchOptions.builder()
			.capacity(5)
			.overflowStrategy(OverflowStrategy.DROP_OLDEST)
			.build();
		assertThat(options.toBuilder().build()).isEqualTo(options);
	}

	@Test
	void capacityWhenNotPositiveShouldFail() {
		assertThatIllegalArgumentException().isThrownBy(() -> DispatchOptions.builder().capacity(0))
			.withMessage("'capacity' must be greater than 0, but was 0");
	}

	@Test
	void overflowStrategyWhenNullShouldFail() {
		assertThatNullPointerException().isThrownBy(() -> DispatchOptions.builder().overflowStrategy(null))
			.withMessage("'overflowStrategy' must not be null");
	}

}
