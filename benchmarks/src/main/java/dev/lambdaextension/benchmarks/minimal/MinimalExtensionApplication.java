package dev.lambdaextension.benchmarks.minimal;

import java.util.concurrent.atomic.AtomicLong;

import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryListener;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

/**
 * Variant (b) of the start-up benchmark: the smallest useful extension written with the
 * starter alone. One {@code @TelemetryListener} that does no work makes it subscribe to
 * every telemetry stream, so the start-up path includes the receiver and the subscription.
 * No properties file: everything is the starter's default.
 */
@SpringBootApplication
public class MinimalExtensionApplication {

	public static void main(String[] args) {
		SpringApplication.run(MinimalExtensionApplication.class, args);
	}

	/**
	 * Receives every event and only counts it.
	 */
	@Component
	static class CountingListener {

		private final AtomicLong events = new AtomicLong();

		@TelemetryListener
		void onEvent(TelemetryEvent event) {
			this.events.incrementAndGet();
		}

	}

}
