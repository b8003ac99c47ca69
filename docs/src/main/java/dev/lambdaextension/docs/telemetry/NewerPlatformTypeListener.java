package dev.lambdaextension.docs.telemetry;

import java.util.concurrent.atomic.AtomicLong;

import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryListener;

import org.springframework.stereotype.Component;

/**
 * A listener for a platform type newer than the starter, accepted through
 * {@code lambda.extension.telemetry.additional-types}.
 */
@Component
public class NewerPlatformTypeListener {

	private final AtomicLong faults = new AtomicLong();

	// tag::listener[]
	@TelemetryListener(types = "platform.fault")
	public void onFault(TelemetryEvent fault) {
		this.faults.incrementAndGet();
	}
	// end::listener[]

	public long faults() {
		return this.faults.get();
	}

}
