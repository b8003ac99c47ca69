package dev.lambdaextension.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Applies meter operations to the registries it is bound to, and keeps the operations
 * that come before the first binding to apply them then, in order. The extension records
 * from its first moments, while the registry may only be created after the first
 * {@code event/next} (deferred initialisation): nothing recorded in between is lost, up
 * to {@value #MAX_PENDING} operations. A registry bound after the first one gets the
 * operations from then on.
 */
final class MeterRecorder {

	static final int MAX_PENDING = 10_000;

	private static final Log logger = LogFactory.getLog(MeterRecorder.class);

	private final Object lock = new Object();

	private final List<Consumer<MeterRegistry>> pending = new ArrayList<>();

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	private volatile boolean bound;

	private long overflow;

	/**
	 * Apply an operation to every bound registry, or keep it until the first is bound.
	 * @param operation the operation, typically registering a meter and recording into it
	 */
	void record(Consumer<MeterRegistry> operation) {
		if (!this.bound) {
			synchronized (this.lock) {
				if (!this.bound) {
					if (this.pending.size() < MAX_PENDING) {
						this.pending.add(operation);
					}
					else {
						this.overflow++;
					}
					return;
				}
			}
		}
		for (MeterRegistry registry : this.registries) {
			operation.accept(registry);
		}
	}

	/**
	 * Bind a registry; the first one gets the operations kept so far.
	 * @param registry the registry
	 */
	void bindTo(MeterRegistry registry) {
		synchronized (this.lock) {
			if (this.registries.contains(registry)) {
				return;
			}
			this.registries.add(registry);
			if (!this.bound) {
				this.pending.forEach((operation) -> operation.accept(registry));
				this.pending.clear();
				this.bound = true;
				if (this.overflow > 0) {
					logger.warn(this.overflow + " meter operation(s) recorded before the meter registry was bound"
							+ " were not kept (at most " + MAX_PENDING + " are)");
				}
			}
		}
	}

}
