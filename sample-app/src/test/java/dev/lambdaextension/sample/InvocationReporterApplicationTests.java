package dev.lambdaextension.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.lambdaextension.test.emulator.Invocation;
import dev.lambdaextension.test.emulator.InvocationStatus;
import dev.lambdaextension.test.emulator.InvokeRequest;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.junit.EmbeddedLambdaEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the invocation reporter against the embedded Lambda emulator.
 */
@SpringBootTest
@EmbeddedLambdaEmulator(functionName = "orders-api")
class InvocationReporterApplicationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@TempDir
	static Path summaries;

	@Autowired
	private LambdaEmulator emulator;

	@DynamicPropertySource
	static void summaryFile(DynamicPropertyRegistry registry) {
		registry.add("reporter.file", () -> summaries.resolve("summaries.jsonl").toString());
	}

	@Autowired
	private RecordingSink sink;

	@Test
	void invocationsShouldBeSummarisedFromTheirTelemetry() {
		this.emulator.awaitInitComplete(WAIT);
		Invocation cold = this.emulator.invoke(InvokeRequest.builder().log("order 1 accepted").build());
		cold.awaitExtensionsDone(WAIT);
		Invocation failed = this.emulator.invoke(InvokeRequest.builder()
			.status(InvocationStatus.ERROR)
			.errorType("Runtime.ExitError")
			.log(dev.lambdaextension.test.emulator.EmulatedFunctionLog.error("payment service unreachable"))
			.build());
		failed.awaitExtensionsDone(WAIT);
		// as on Lambda, an invocation's report arrives with the next thaw: here the next invocation,
		// whose completion also flushes the sinks
		this.emulator.invoke().awaitExtensionsDone(WAIT);
		this.emulator.await("two summaries", WAIT, () -> this.sink.summaries.size() >= 2);
		assertThat(this.sink.summaries).filteredOn((summary) -> summary.requestId().equals(cold.requestId()))
			.singleElement()
			.satisfies((summary) -> {
				assertThat(summary.status()).isEqualTo("success");
				assertThat(summary.coldStart()).isTrue();
				assertThat(summary.errorLogLines()).isZero();
				assertThat(summary.complete()).isTrue();
				assertThat(summary.billedDurationMs()).isPositive();
			});
		assertThat(this.sink.summaries).filteredOn((summary) -> summary.requestId().equals(failed.requestId()))
			.singleElement()
			.satisfies((summary) -> {
				assertThat(summary.status()).isEqualTo("error");
				assertThat(summary.coldStart()).isFalse();
				assertThat(summary.errorLogLines()).isEqualTo(1);
			});
		assertThat(summaries.resolve("summaries.jsonl")).content()
			.contains("\"requestId\":\"" + cold.requestId() + "\"")
			.contains("\"requestId\":\"" + failed.requestId() + "\"");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SinkConfiguration {

		@Bean
		RecordingSink recordingSink() {
			return new RecordingSink();
		}

	}

	static class RecordingSink implements SummarySink {

		final List<InvocationSummary> summaries = new CopyOnWriteArrayList<>();

		@Override
		public void accept(InvocationSummary summary) {
			this.summaries.add(summary);
		}

	}

}
