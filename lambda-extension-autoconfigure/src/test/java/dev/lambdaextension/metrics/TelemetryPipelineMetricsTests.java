package dev.lambdaextension.metrics;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.lambdaextension.telemetry.dispatch.DispatcherStats;
import dev.lambdaextension.telemetry.dispatch.TelemetryDispatcher;
import dev.lambdaextension.telemetry.receiver.TelemetryReceiver;
import dev.lambdaextension.test.logging.LogCapture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TelemetryPipelineMetrics}: the meters read the counts of a real
 * receiver on 127.0.0.1 and of its dispatcher.
 */
class TelemetryPipelineMetricsTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String START = "{\"time\":\"2025-11-23T10:15:01.000Z\",\"type\":\"platform.start\","
			+ "\"record\":{\"requestId\":\"r-1\"}}";

	@RegisterExtension
	final LogCapture logs = LogCapture.of("dev.lambdaextension");

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final TelemetryDispatcher dispatcher = new TelemetryDispatcher((batch) -> {
	});

	private final TelemetryReceiver receiver = TelemetryReceiver.builder(this.dispatcher).build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@AfterEach
	void stop() {
		this.receiver.stop();
		this.dispatcher.close();
	}

	@Test
	void metersShouldShowTheCountsOfTheReceiverAndTheDispatcherAndTheQueue() throws Exception {
		new TelemetryPipelineMetrics(this.receiver, this.dispatcher).bindTo(this.registry);
		this.receiver.start();
		assertThat(post("[" + START + "]")).isEqualTo(200);
		assertThat(post("[" + START + ", 42]")).isEqualTo(200);
		assertThat(post("not an array")).isEqualTo(400);
		assertThat(count("lambda.extension.telemetry.batches", null, null)).isEqualTo(2);
		assertThat(count("lambda.extension.telemetry.parse.failures", "scope", "event")).isEqualTo(1);
		assertThat(count("lambda.extension.telemetry.parse.failures", "scope", "batch")).isEqualTo(1);
		DispatcherStats stats = this.dispatcher.getStats();
		assertThat(count("lambda.extension.telemetry.rejected", null, null)).isEqualTo(stats.rejectedEvents());
		assertThat(count("lambda.extension.telemetry.dropped", "reason", "overflow")).isEqualTo(stats.droppedEvents());
		assertThat(count("lambda.extension.telemetry.dropped", "reason", "shutdown"))
			.isEqualTo(stats.undeliveredEvents());
		assertThat(stats.acceptedEvents()).isEqualTo(2);
		assertThat(this.registry.get("lambda.extension.telemetry.dispatch.queue.capacity").gauge().value())
			.isEqualTo(this.dispatcher.getOptions().getCapacity());
		this.logs.await(Level.WARNING, "Skipped 1 malformed telemetry event(s) in a batch of 2", WAIT);
		this.logs.await(Level.WARNING, "Refused a telemetry request whose body is not a JSON array (12 bytes)", WAIT);
		assertThat(this.logs.messages(Level.WARNING)).containsExactlyInAnyOrder(
				"Skipped 1 malformed telemetry event(s) in a batch of 2",
				"Refused a telemetry request whose body is not a JSON array (12 bytes)");
	}

	private int post(String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.receiver.getPort() + "/"))
			.timeout(Duration.ofSeconds(5))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private double count(String name, String tag, String value) {
		return ((tag != null) ? this.registry.get(name).tag(tag, value) : this.registry.get(name)).functionCounter()
			.count();
	}

}
