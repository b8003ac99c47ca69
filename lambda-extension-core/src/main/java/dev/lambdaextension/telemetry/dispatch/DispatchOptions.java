package dev.lambdaextension.telemetry.dispatch;

import java.util.Objects;

/**
 * Immutable options of a {@link TelemetryDispatcher}.
 *
 * @since 0.1.0
 */
public final class DispatchOptions {

	/**
	 * Default queue capacity, in events: one batch of the largest {@code maxItems} the
	 * Telemetry API allows.
	 */
	public static final int DEFAULT_CAPACITY = 10_000;

	/**
	 * Default overflow strategy: refuse, so Lambda keeps the batch and sends it again.
	 */
	public static final OverflowStrategy DEFAULT_OVERFLOW_STRATEGY = OverflowStrategy.REJECT;

	private static final DispatchOptions DEFAULTS = builder().build();

	private final int capacity;

	private final OverflowStrategy overflowStrategy;

	private DispatchOptions(Builder builder) {
		this.capacity = builder.capacity;
		this.overflowStrategy = builder.overflowStrategy;
	}

	/**
	 * Return the default options.
	 * @return the defaults
	 */
	public static DispatchOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Return a builder initialised with the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return a builder initialised with these options.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder().capacity(this.capacity).overflowStrategy(this.overflowStrategy);
	}

	/**
	 * Return the queue capacity.
	 * @return the capacity, in events
	 */
	public int getCapacity() {
		return this.capacity;
	}

	/**
	 * Return what happens to a batch that does not fit.
	 * @return the overflow strategy
	 */
	public OverflowStrategy getOverflowStrategy() {
		return this.overflowStrategy;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof DispatchOptions that) && this.capacity == that.capacity
				&& this.overflowStrategy == that.overflowStrategy;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.capacity, this.overflowStrategy);
	}

	@Override
	public String toString() {
		return "DispatchOptions[capacity=" + this.capacity + ", overflowStrategy=" + this.overflowStrategy + "]";
	}

	/**
	 * Builder for {@link DispatchOptions}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private int capacity = DEFAULT_CAPACITY;

		private OverflowStrategy overflowStrategy = DEFAULT_OVERFLOW_STRATEGY;

		private Builder() {
		}

		/**
		 * Set the queue capacity.
		 * @param capacity the capacity, in events; greater than 0
		 * @return this builder
		 */
		public Builder capacity(int capacity) {
			if (capacity <= 0) {
				throw new IllegalArgumentException("'capacity' must be greater than 0, but was " + capacity);
			}
			this.capacity = capacity;
			return this;
		}

		/**
		 * Set what happens to a batch that does not fit.
		 * @param overflowStrategy the strategy
		 * @return this builder
		 */
		public Builder overflowStrategy(OverflowStrategy overflowStrategy) {
			this.overflowStrategy = Objects.requireNonNull(overflowStrategy, "'overflowStrategy' must not be null");
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public DispatchOptions build() {
			return new DispatchOptions(this);
		}

	}

}
