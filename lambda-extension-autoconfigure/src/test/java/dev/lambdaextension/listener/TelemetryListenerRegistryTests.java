package dev.lambdaextension.listener;

import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.lambdaextension.telemetry.FunctionLog;
import dev.lambdaextension.telemetry.LogRecord;
import dev.lambdaextension.telemetry.PlatformReport;
import dev.lambdaextension.telemetry.PlatformRuntimeDone;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryListener;
import dev.lambdaextension.telemetry.dispatch.InvocationProgress;
import dev.lambdaextension.telemetry.dispatch.TelemetryDispatcher;
import dev.lambdaextension.test.logging.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ReflectionUtils;

import static dev.lambdaextension.listener.TestTelemetry.batch;
import static dev.lambdaextension.listener.TestTelemetry.extensionLog;
import static dev.lambdaextension.listener.TestTelemetry.functionLog;
import static dev.lambdaextension.listener.TestTelemetry.report;
import static dev.lambdaextension.listener.TestTelemetry.runtimeDone;
import static dev.lambdaextension.listener.TestTelemetry.start;
import static dev.lambdaextension.listener.TestTelemetry.unknown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link TelemetryListenerRegistry}.
 */
class TelemetryListenerRegistryTests {

	@RegisterExtension
	final LogCapture logs = LogCapture.of(LoggingTelemetryListenerErrorHandlerTests.LOGGER,
			TelemetryDispatcher.class.getName());

	private final LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());

	@AfterEach
	void resetLogLevel() {
		this.loggingSystem.setLogLevel(LoggingTelemetryListenerErrorHandlerTests.LOGGER, null);
	}

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(TelemetryListenerTestConfiguration.class);

	@Test
	void consumeShouldFilterByTypeAndParameterType() {
		this.contextRunner.withBean(FilteringListeners.class).run((context) -> {
			context.getBean(TelemetryListenerRegistry.class)
				.consume(batch(start("r-1"), functionLog("f1"), extensionLog("e1"), runtimeDone("r-1"),
						report("r-1"), unknown()));
			FilteringListeners listeners = context.getBean(FilteringListeners.class);
			assertThat(listeners.reports).extracting(PlatformReport::requestId).containsExactly("r-1");
			assertThat(listeners.declared).extracting(TelemetryEvent::type)
				.containsExactly("platform.start", "platform.runtimeDone");
			assertThat(listeners.logs).extracting(LogRecord::message).containsExactly("f1", "e1");
			assertThat(listeners.everything).hasSize(6);
		});
	}

	@Test
	void consumeShouldDeliverOneListPerBatchToBatchListeners() {
		this.contextRunner.withBean(BatchListeners.class).run((context) -> {
			TelemetryListenerRegistry registry = context.getBean(TelemetryListenerRegistry.class);
			registry.consume(batch(functionLog("f1"), start("r-1"), functionLog("f2")));
			registry.consume(batch(start("r-2")));
			registry.consume(batch(functionLog("f3")));
			BatchListeners listeners = context.getBean(BatchListeners.class);
			assertThat(listeners.functionBatches).hasSize(2);
			assertThat(listeners.functionBatches.get(0)).extracting(FunctionLog::message).containsExactly("f1", "f2");
			assertThat(listeners.functionBatches.get(1)).extracting(FunctionLog::message).containsExactly("f3");
			assertThat(listeners.allBatches).hasSize(3);
			assertThat(listeners.allBatches.get(0)).extracting(TelemetryEvent::type)
				.containsExactly("function", "platform.start", "function");
			assertThat(registry.getListener("functionBatches")).satisfies((listener) -> {
				assertThat(listener.batch()).isTrue();
				assertThat(listener.invocations()).isEqualTo(2);
			});
		});
	}

	@Test
	void consumeShouldDeliverEachEventOnceToEveryListenerOfItsType() {
		this.contextRunner.withBean(SameTypeListeners.class).run((context) -> {
			TelemetryListenerRegistry registry = context.getBean(TelemetryListenerRegistry.class);
			registry.consume(batch(report("r-1"), report("r-2")));
			registry.consume(batch(report("r-3")));
			SameTypeListeners listeners = context.getBean(SameTypeListeners.class);
			assertThat(listeners.first).extracting(PlatformReport::requestId).containsExactly("r-1", "r-2", "r-3");
			assertThat(listeners.second).extracting(PlatformReport::requestId).containsExactly("r-1", "r-2", "r-3");
			assertThat(listeners.third).extracting(PlatformReport::requestId).containsExactly("r-1", "r-2", "r-3");
		});
	}

	@Test
	void throwingListenerShouldReachItsErrorHandlerAndLeaveOthersWorking() {
		this.contextRunner.withUserConfiguration(ErrorHandlingConfiguration.class).run((context) -> {
			TelemetryListenerRegistry registry = context.getBean(TelemetryListenerRegistry.class);
			registry.consume(batch(report("r-1"), report("r-2")));
			FailingListeners listeners = context.getBean(FailingListeners.class);
			RecordingErrorHandler handler = context.getBean(RecordingErrorHandler.class);
			assertThat(listeners.healthy).extracting(PlatformReport::requestId).containsExactly("r-1", "r-2");
			assertThat(handler.failures).hasSize(2).allSatisfy((failure) -> {
				assertThat(failure.getListenerId()).isEqualTo("failing");
				assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("boom");
				assertThat(failure.getMessage()).contains("'failing'", "platform.report").doesNotContain("r-1");
			});
			assertThat(handler.failures.get(0).getEvents()).singleElement()
				.isInstanceOfSatisfying(PlatformReport.class, (report) -> assertThat(report.requestId())
					.isEqualTo("r-1"));
			assertThat(registry.getListener("failing")).satisfies((listener) -> {
				assertThat(listener.invocations()).isEqualTo(2);
				assertThat(listener.failures()).isEqualTo(2);
			});
			assertThat(registry.getListener("failingWithDefaultHandler").failures()).isEqualTo(2);
		});
		assertThat(this.logs.messages(Level.WARNING)).containsExactly(
				"Telemetry listener 'failingWithDefaultHandler' failed on 1 event(s) of type(s) [platform.report]: "
						+ "java.lang.IllegalStateException: boom",
				"Telemetry listener 'failingWithDefaultHandler' failed on 1 event(s) of type(s) [platform.report]: "
						+ "java.lang.IllegalStateException: boom");
	}

	@Test
	void throwingErrorHandlerShouldNotStopDelivery() {
		TelemetryListenerRegistry registry = new TelemetryListenerRegistry((failure) -> {
			throw new IllegalStateException("handler failed");
		});
		FailingListeners listeners = new FailingListeners();
		registry.register(new MethodTelemetryListenerEndpoint("failing", "listeners", listeners,
				method(FailingListeners.class, "fail", PlatformReport.class), List.of(), null));
		registry.register(new MethodTelemetryListenerEndpoint("healthy", "listeners", listeners,
				method(FailingListeners.class, "healthy", PlatformReport.class), List.of(), null));
		registry.consume(batch(report("r-1")));
		assertThat(listeners.healthy).hasSize(1);
		assertThat(this.logs.messages(Level.WARNING))
			.containsExactly("Error handler of telemetry listener 'failing' failed on 1 event(s) of type(s) "
					+ "[platform.report]: java.lang.IllegalStateException: handler failed");
	}

	@Test
	void throwingListenerShouldBeLoggedAsOneWarnLinePerFailureWithoutStackTrace() {
		this.loggingSystem.setLogLevel(LoggingTelemetryListenerErrorHandlerTests.LOGGER, LogLevel.INFO);
		TelemetryListenerRegistry registry = new TelemetryListenerRegistry();
		FailingListeners listeners = new FailingListeners();
		registry.register(new MethodTelemetryListenerEndpoint("failing", "listeners", listeners,
				method(FailingListeners.class, "fail", PlatformReport.class), List.of(), null));
		registry.register(new MethodTelemetryListenerEndpoint("healthy", "listeners", listeners,
				method(FailingListeners.class, "healthy", PlatformReport.class), List.of(), null));
		InvocationProgress progress = new InvocationProgress();
		try (TelemetryDispatcher dispatcher = new TelemetryDispatcher(registry)) {
			dispatcher.setSettledListener(progress);
			assertThat(dispatcher.offer(batch(report("secret-1"), runtimeDone("r-1")))).isTrue();
			assertThat(dispatcher.offer(batch(report("secret-2"), runtimeDone("r-2")))).isTrue();
			assertThat(progress.awaitRuntimeDone("r-2", Duration.ofSeconds(10))).isTrue();
			assertThat(dispatcher.getStats().consumerFailures()).isZero();
		}
		assertThat(listeners.healthy).hasSize(2);
		assertThat(this.logs.messages(Level.WARNING)).hasSize(2)
			.containsOnly("Telemetry listener 'failing' failed on 1 event(s) of type(s) [platform.report]: "
					+ "java.lang.IllegalStateException: boom");
		assertThat(this.logs.records()).hasSize(2)
			.allSatisfy(LoggingTelemetryListenerErrorHandlerTests::hasNoTraceOrPayload);
	}

	@Test
	void throwingErrorHandlerShouldBeLoggedAsOneWarnLineWithoutStackTrace() {
		this.loggingSystem.setLogLevel(LoggingTelemetryListenerErrorHandlerTests.LOGGER, LogLevel.INFO);
		TelemetryListenerRegistry registry = new TelemetryListenerRegistry((failure) -> {
			throw new IllegalStateException("handler failed");
		});
		FailingListeners listeners = new FailingListeners();
		registry.register(new MethodTelemetryListenerEndpoint("failing", "listeners", listeners,
				method(FailingListeners.class, "fail", PlatformReport.class), List.of(), null));
		registry.consume(batch(report("secret-1")));
		assertThat(this.logs.messages(Level.WARNING))
			.containsExactly("Error handler of telemetry listener 'failing' failed on 1 event(s) of type(s) "
					+ "[platform.report]: java.lang.IllegalStateException: handler failed");
		assertThat(this.logs.records()).singleElement()
			.satisfies(LoggingTelemetryListenerErrorHandlerTests::hasNoTraceOrPayload);
	}

	@Test
	void configurersShouldRegisterListenersInCodeThatCountLikeAnnotatedOnes() {
		List<List<TelemetryEvent>> logs = new CopyOnWriteArrayList<>();
		List<TelemetryListenerExecutionFailedException> failures = new CopyOnWriteArrayList<>();
		this.contextRunner.withBean(ReportOnly.class)
			.withBean("logConfigurer", TelemetryListenerConfigurer.class,
					() -> (registrar) -> registrar.registerEndpoint(
							SimpleTelemetryListenerEndpoint.forBatches("logs", List.of("function"), logs::add)))
			.withBean("failingConfigurer", TelemetryListenerConfigurer.class,
					() -> (registrar) -> registrar.registerEndpoint(
							SimpleTelemetryListenerEndpoint.forEachEvent("failing", List.of(), (event) -> {
								throw new IllegalStateException("boom");
							}), failures::add))
			.run((context) -> {
				TelemetryListenerRegistry registry = context.getBean(TelemetryListenerRegistry.class);
				assertThat(registry.requiredStreams()).containsExactlyInAnyOrder("platform", "function", "extension");
				registry.consume(batch(functionLog("f1"), report("r-1"), functionLog("f2")));
				assertThat(logs).singleElement()
					.satisfies((batch) -> assertThat(batch).extracting(TelemetryEvent::type)
						.containsExactly("function", "function"));
				assertThat(failures).hasSize(3).allSatisfy((failure) -> {
					assertThat(failure.getListenerId()).isEqualTo("failing");
					assertThat(failure.getCause()).hasMessage("boom");
				});
				assertThat(registry.getListener("logs")).satisfies((listener) -> {
					assertThat(listener.beanName()).isNull();
					assertThat(listener.method()).isNull();
					assertThat(listener.types()).containsExactly("function");
					assertThat(listener.invocations()).isOne();
				});
			});
	}

	@Test
	void listenersInCodeWithTheSameIdShouldFailStartup() {
		this.contextRunner.withBean(TelemetryListenerConfigurer.class, () -> (registrar) -> {
			registrar.registerEndpoint(SimpleTelemetryListenerEndpoint.forEachEvent("audit", List.of(), (event) -> {
			}));
			registrar.registerEndpoint(SimpleTelemetryListenerEndpoint.forBatches("audit", List.of(), (events) -> {
			}));
		})
			.run((context) -> assertThat(context.getStartupFailure())
				.hasMessage("Telemetry listener id 'audit' of 'telemetry listener 'audit'' is already used by "
						+ "'telemetry listener 'audit''"));
	}

	@Test
	void listenerInCodeWithAMisspelledTypeShouldFailStartup() {
		this.contextRunner
			.withBean(TelemetryListenerConfigurer.class,
					() -> (registrar) -> registrar.registerEndpoint(
							SimpleTelemetryListenerEndpoint.forEachEvent("logs", List.of("functoin"), (event) -> {
							})))
			.run((context) -> assertThat(context.getStartupFailure())
				.hasMessage("Telemetry listener 'logs' declares unknown event type 'functoin' (did you mean 'function'?)"));
	}

	@Test
	void unknownTypeWithoutNearMatchShouldBeRefusedListingTheKnownTypes() {
		TelemetryListenerRegistry registry = new TelemetryListenerRegistry();
		assertThatIllegalStateException()
			.isThrownBy(() -> registry
				.register(SimpleTelemetryListenerEndpoint.forBatches("logs", List.of("logs"), (events) -> {
				})))
			.withMessageStartingWith("Telemetry listener 'logs' declares unknown event type 'logs'; known types are "
					+ "[platform, function, extension, platform.initStart,");
		assertThat(registry.listeners()).isEmpty();
	}

	@Test
	void additionalTypesShouldBeAcceptedAndDeliveredToListenersInCode() {
		TelemetryListenerRegistry registry = new TelemetryListenerRegistry();
		registry.setAdditionalTypes(List.of("platform.somethingNew"));
		List<TelemetryEvent> received = new ArrayList<>();
		registry.register(
				SimpleTelemetryListenerEndpoint.forEachEvent("new", List.of("platform.somethingNew"), received::add));
		registry.consume(batch(report("r-1"), unknown()));
		assertThat(received).extracting(TelemetryEvent::type).containsExactly("platform.somethingNew");
	}

	@Test
	void additionalTypesOutsideThePlatformStreamShouldBeRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TelemetryListenerRegistry().setAdditionalTypes(List.of("platform.fault", "logs")))
			.withMessage("'additionalTypes' must contain only types starting with 'platform.', not 'logs'");
	}

	@Test
	void listenerWithoutAutoStartupShouldReceiveNothingUntilStartedAndNothingOnceStopped() {
		this.contextRunner.withBean(StoppedListener.class)
			.withPropertyValues("audit.enabled=false")
			.run((context) -> {
				TelemetryListenerRegistry registry = context.getBean(TelemetryListenerRegistry.class);
				StoppedListener listener = context.getBean(StoppedListener.class);
				assertThat(registry.requiredStreams()).as("subscribed for while stopped").containsExactly("function");
				assertThat(registry.getListener("audit").running()).isFalse();
				registry.consume(batch(functionLog("before start")));
				registry.start("audit");
				registry.consume(batch(functionLog("while running")));
				registry.stop("audit");
				registry.consume(batch(functionLog("after stop")));
				assertThat(listener.logs).extracting(LogRecord::message).containsExactly("while running");
				assertThat(registry.getListener("audit")).satisfies((audit) -> {
					assertThat(audit.running()).isFalse();
					assertThat(audit.invocations()).isOne();
				});
			});
	}

	@Test
	void startOrStopOfAnUnknownListenerShouldBeRefused() {
		TelemetryListenerRegistry registry = new TelemetryListenerRegistry();
		assertThatIllegalArgumentException().isThrownBy(() -> registry.start("missing"))
			.withMessage("No telemetry listener with id 'missing'");
		assertThatIllegalArgumentException().isThrownBy(() -> registry.stop("missing"))
			.withMessage("No telemetry listener with id 'missing'");
	}

	@Test
	void autoStartupOtherThanTrueOrFalseShouldFailStartup() {
		this.contextRunner.withBean(StoppedListener.class)
			.withPropertyValues("audit.enabled=sometimes")
			.run((context) -> assertThat(context.getStartupFailure()).hasMessageContaining(
					"@TelemetryListener method 'telemetryListenerRegistryTests.StoppedListener.onLog(FunctionLog)' has "
							+ "autoStartup 'sometimes'; it must be true or false"));
	}

	@Test
	void requiredStreamsShouldBeUnionOfListenerTypes() {
		this.contextRunner.withBean(ReportOnly.class).run((context) -> assertThat(
				context.getBean(TelemetryListenerRegistry.class).requiredStreams())
			.containsExactly("platform"));
		this.contextRunner.withBean(ReportOnly.class).withBean(FunctionOnly.class).run((context) -> assertThat(
				context.getBean(TelemetryListenerRegistry.class).requiredStreams())
			.containsExactlyInAnyOrder("platform", "function"));
		this.contextRunner.withBean(ReportOnly.class).withBean(FilteringListeners.class).run((context) -> assertThat(
				context.getBean(TelemetryListenerRegistry.class).requiredStreams())
			.containsExactlyInAnyOrder("platform", "function", "extension"));
		this.contextRunner.run((context) -> assertThat(
				context.getBean(TelemetryListenerRegistry.class).requiredStreams())
			.isEmpty());
	}

	@Test
	void dispatcherShouldDeliverToListenersBeforeReleasingRuntimeDoneBarrier() {
		this.contextRunner.withBean(SameTypeListeners.class).withBean(BatchListeners.class).run((context) -> {
			TelemetryListenerRegistry registry = context.getBean(TelemetryListenerRegistry.class);
			InvocationProgress progress = new InvocationProgress();
			try (TelemetryDispatcher dispatcher = new TelemetryDispatcher(registry)) {
				dispatcher.setSettledListener(progress);
				assertThat(dispatcher.offer(batch(functionLog("f1"), report("r-0")))).isTrue();
				assertThat(dispatcher.offer(batch(runtimeDone("r-1")))).isTrue();
				assertThat(progress.awaitRuntimeDone("r-1", Duration.ofSeconds(10))).isTrue();
				assertThat(context.getBean(SameTypeListeners.class).first).hasSize(1);
				assertThat(context.getBean(BatchListeners.class).allBatches).hasSize(2);
				assertThat(context.getBean(BatchListeners.class).allBatches.get(1)).singleElement()
					.isInstanceOf(PlatformRuntimeDone.class);
			}
		});
	}

	private static Method method(Class<?> type, String name, Class<?>... parameterTypes) {
		Method method = ReflectionUtils.findMethod(type, name, parameterTypes);
		assertThat(method).isNotNull();
		return method;
	}

	static class FilteringListeners {

		final List<PlatformReport> reports = new CopyOnWriteArrayList<>();

		final List<TelemetryEvent> declared = new CopyOnWriteArrayList<>();

		final List<LogRecord> logs = new CopyOnWriteArrayList<>();

		final List<TelemetryEvent> everything = new CopyOnWriteArrayList<>();

		@TelemetryListener
		void report(PlatformReport report) {
			this.reports.add(report);
		}

		@TelemetryListener(types = { "platform.start", "platform.runtimeDone" })
		void declared(TelemetryEvent event) {
			this.declared.add(event);
		}

		@TelemetryListener
		void logs(LogRecord log) {
			this.logs.add(log);
		}

		@TelemetryListener
		void everything(TelemetryEvent event) {
			this.everything.add(event);
		}

	}

	static class BatchListeners {

		final List<List<FunctionLog>> functionBatches = new CopyOnWriteArrayList<>();

		final List<List<TelemetryEvent>> allBatches = new CopyOnWriteArrayList<>();

		@TelemetryListener(id = "functionBatches")
		void functionLogs(List<FunctionLog> logs) {
			this.functionBatches.add(logs);
		}

		@TelemetryListener
		void all(List<TelemetryEvent> events) {
			this.allBatches.add(events);
		}

	}

	static class SameTypeListeners {

		final List<PlatformReport> first = new CopyOnWriteArrayList<>();

		final List<PlatformReport> second = new CopyOnWriteArrayList<>();

		final List<PlatformReport> third = new CopyOnWriteArrayList<>();

		@TelemetryListener
		void first(PlatformReport report) {
			this.first.add(report);
		}

		@TelemetryListener(types = "platform.report")
		void second(PlatformReport report) {
			this.second.add(report);
		}

		@TelemetryListener(types = "platform.report")
		void third(List<TelemetryEvent> reports) {
			reports.forEach((report) -> this.third.add((PlatformReport) report));
		}

	}

	static class FailingListeners {

		final List<PlatformReport> healthy = new CopyOnWriteArrayList<>();

		@TelemetryListener(id = "failing", errorHandler = "recordingErrorHandler")
		void fail(PlatformReport report) {
			throw new IllegalStateException("boom");
		}

		@TelemetryListener(id = "failingWithDefaultHandler")
		void failWithDefaultHandler(PlatformReport report) {
			throw new IllegalStateException("boom");
		}

		@TelemetryListener(id = "healthy")
		void healthy(PlatformReport report) {
			this.healthy.add(report);
		}

	}

	static class RecordingErrorHandler implements TelemetryListenerErrorHandler {

		final List<TelemetryListenerExecutionFailedException> failures = new CopyOnWriteArrayList<>();

		@Override
		public void handleError(TelemetryListenerExecutionFailedException exception) {
			this.failures.add(exception);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ErrorHandlingConfiguration {

		@Bean
		FailingListeners failingListeners() {
			return new FailingListeners();
		}

		@Bean
		RecordingErrorHandler recordingErrorHandler() {
			return new RecordingErrorHandler();
		}

	}

	static class StoppedListener {

		final List<FunctionLog> logs = new CopyOnWriteArrayList<>();

		@TelemetryListener(id = "audit", autoStartup = "${audit.enabled:true}")
		void onLog(FunctionLog log) {
			this.logs.add(log);
		}

	}

	static class ReportOnly {

		@TelemetryListener
		void report(PlatformReport report) {
		}

	}

	static class FunctionOnly {

		@TelemetryListener
		void logs(List<FunctionLog> logs) {
		}

	}

}
