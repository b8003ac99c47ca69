package dev.lambdaextension.docs.telemetry;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.lambdaextension.listener.SimpleTelemetryListenerEndpoint;
import dev.lambdaextension.listener.TelemetryListenerConfigurer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A telemetry listener registered in code.
 */
@Configuration(proxyBeanMethods = false)
public class ListenersInCodeConfiguration {

	private final AtomicLong droppedRecords = new AtomicLong();

	// tag::configurer[]
	@Bean
	TelemetryListenerConfigurer droppedLogsCounter() {
		return (registrar) -> registrar.registerEndpoint(SimpleTelemetryListenerEndpoint.forBatches("droppedLogs",
				List.of("platform.logsDropped"), (batch) -> this.droppedRecords.addAndGet(batch.size())));
	}
	// end::configurer[]

}
