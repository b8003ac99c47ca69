package dev.lambdaextension.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.lambdaextension.lifecycle.ExtensionShutdownCompletedEvent;
import dev.lambdaextension.summary.InvocationSummaryEvent;
import dev.lambdaextension.summary.InvocationSummaryPublisher;
import dev.lambdaextension.telemetry.summary.InvocationSummary;
import dev.lambdaextension.telemetry.summary.InvocationSummary.Closure;
import dev.lambdaextension.test.emulator.Invocation;
import dev.lambdaextension.test.emulator.InvocationStatus;
import dev.lambdaextension.test.emulator.InvokeRequest;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.emulator.LambdaEmulatorBuilder;
import dev.lambdaextension.test.logging.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InvocationSummaryAutoConfiguration} against the local Lambda emulator.
 */
class InvocationSummaryIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	final LogCapture logs = LogCapture.of("dev.lambdaextension");

	@RegisterExtension
	final EmulatedExtensionRunner extension = new EmulatedExtensionRunner("summary-test",
			InvocationSummaryAutoConfiguration.class);

	private LambdaEmulator emulator() {
		return this.extension.emulator();
	}

	private ApplicationContextRunner runner(LambdaEmulatorBuilder emulator) {
		return this.extension.runner(emulator)
			.withBean(SummaryRecorder.class)
			.withPropertyValues("lambda.extension.invocation-summaries.enabled=true");
	}

	@Test
	void summariesShouldBeOffByDefault() {
		runner(LambdaEmulator.builder()).withPropertyValues("lambda.extension.invocation-summaries.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(InvocationSummaryPublisher.class));
	}

	@Test
	void reportArrivingAfterShutdownShouldBePublishedBeforeShutdownCompletes() throws Exception {
		runner(LambdaEmulator.builder()).run((context) -> {
			SummaryRecorder recorder = context.getBean(SummaryRecorder.class);
			emulator().awaitInitComplete(WAIT);
			Invocation invocation = emulator()
				.invoke(InvokeRequest.builder().status(InvocationStatus.ERROR).errorType("Function.Boom").build());
			invocation.awaitExtensionsDone(WAIT);
			assertThat(recorder.summaries).isEmpty();
			emulator().shutdown("spindown");
			assertThat(this.extension.exitStatus().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
			assertThat(recorder.atShutdownCompleted).singleElement().satisfies((summary) -> {
				assertThat(summary.requestId()).isEqualTo(invocation.requestId());
				assertThat(summary.complete()).isTrue();
				assertThat(summary.closedBy()).isEqualTo(Closure.REPORT);
				assertThat(summary.status()).isEqualTo("error");
			});
		});
	}

	@Test
	void reportArrivingDuringTheNextInvocationShouldJoinItsOwnRequest() {
		runner(LambdaEmulator.builder()).run((context) -> {
			SummaryRecorder recorder = context.getBean(SummaryRecorder.class);
			emulator().awaitInitComplete(WAIT);
			Invocation first = emulator().invoke();
			first.awaitExtensionsDone(WAIT);
			emulator().invoke().awaitExtensionsDone(WAIT);
			InvocationSummary summary = recorder.summaries.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
			assertThat(summary).isNotNull();
			assertThat(summary.requestId()).isEqualTo(first.requestId());
			assertThat(summary.complete()).isTrue();
			assertThat(summary.status()).isEqualTo("success");
		});
	}

	@Test
	void managedInstancesShouldJoinInterleavedInvocationsByRequestId() {
		runner(LambdaEmulator.builder().managedInstances(true))
			.withPropertyValues("AWS_LAMBDA_INITIALIZATION_TYPE=lambda-managed-instances")
			.run((context) -> {
				SummaryRecorder recorder = context.getBean(SummaryRecorder.class);
				emulator().awaitInitComplete(WAIT);
				Invocation first = emulator().startInvocation(InvokeRequest.success());
				Invocation second = emulator().startInvocation(InvokeRequest.success());
				second.complete();
				first.complete();
				emulator().shutdown("spindown");
				assertThat(this.extension.exitStatus().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
				assertThat(recorder.atShutdownCompleted).extracting(InvocationSummary::requestId)
					.containsExactlyInAnyOrder(first.requestId(), second.requestId());
				assertThat(recorder.atShutdownCompleted).allMatch(InvocationSummary::complete);
			});
	}

	@Test
	void moreOpenInvocationsThanCapacityShouldPublishTheOldestIncomplete() {
		runner(LambdaEmulator.builder().managedInstances(true))
			.withPropertyValues("AWS_LAMBDA_INITIALIZATION_TYPE=lambda-managed-instances",
					"lambda.extension.invocation-summaries.capacity=1")
			.run((context) -> {
				SummaryRecorder recorder = context.getBean(SummaryRecorder.class);
				emulator().awaitInitComplete(WAIT);
				Invocation first = emulator().startInvocation(InvokeRequest.success());
				Invocation second = emulator().startInvocation(InvokeRequest.success());
				second.complete();
				first.complete();
				emulator().shutdown("spindown");
				assertThat(this.extension.exitStatus().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
				assertThat(recorder.atShutdownCompleted).anySatisfy((summary) -> {
					assertThat(summary.closedBy()).isEqualTo(Closure.EVICTED);
					assertThat(summary.complete()).isFalse();
				});
			});
	}

	@Test
	void capacityOutOfRangeShouldFailStartupNamingTheProperty() {
		runner(LambdaEmulator.builder()).withPropertyValues("lambda.extension.invocation-summaries.capacity=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'capacity' must be between 1 and 100000"));
	}

	static class SummaryRecorder {

		final BlockingQueue<InvocationSummary> summaries = new LinkedBlockingQueue<>();

		volatile List<InvocationSummary> atShutdownCompleted = List.of();

		@EventListener
		void onSummary(InvocationSummaryEvent event) {
			this.summaries.add(event.summary());
		}

		@EventListener
		void onShutdownCompleted(ExtensionShutdownCompletedEvent event) {
			this.atShutdownCompleted = List.copyOf(this.summaries);
		}

	}

}
