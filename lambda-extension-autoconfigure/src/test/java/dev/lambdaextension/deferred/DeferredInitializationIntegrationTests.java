package dev.lambdaextension.deferred;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.lambdaextension.lifecycle.ExtensionExitHandler;
import dev.lambdaextension.lifecycle.ExtensionObserver;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryListener;
import dev.lambdaextension.test.emulator.LambdaEmulator;
import dev.lambdaextension.test.logging.LogCapture;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests of deferred initialisation: a Spring Boot application with Actuator,
 * health and Micrometer on its class path, run as an extension against the emulator.
 */
class DeferredInitializationIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	/** Beans of Spring Boot and of the extension that the first {@code event/next} does not need. */
	private static final List<String> OFF_THE_CRITICAL_PATH = List.of("simpleMeterRegistry", "jvmMemoryMetrics",
			"healthEndpoint", "healthContributorRegistry", "lambdaextensionHealthIndicator", "lambdaExtensionEndpoint",
			"startupTimeMetrics", "telemetryListenerMetrics");

	@RegisterExtension
	final LogCapture logs = LogCapture.of("dev.lambdaextension");

	private final LambdaEmulator emulator = LambdaEmulator.builder().build();

	private final CompletableFuture<Integer> exitStatus = new CompletableFuture<>();

	private ConfigurableApplicationContext context;

	@BeforeAll
	static void keepTheTestLogging() {
		// SpringApplication would reconfigure Logback and drop the log capture
		System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
	}

	@AfterAll
	static void restoreLogging() {
		System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
	}

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
		this.emulator.close();
	}

	@Test
	void metricsHealthAndEndpointShouldBeCreatedAfterTheFirstNext() throws Exception {
		this.context = run(ExtensionApplication.class, GatedBinderConfiguration.class);
		this.emulator.awaitInitComplete(WAIT);
		InitSnapshot snapshot = this.context.getBean(InitSnapshot.class);
		assertThat(snapshot.createdAtFirstNext).containsOnlyKeys(OFF_THE_CRITICAL_PATH)
			.allSatisfy((name, created) -> assertThat(created).as(name).isFalse());
		assertThat(this.context.getBean(DeferredBeanInitializer.class).awaitCompletion(WAIT)).isTrue();
		GatedBinder binder = this.context.getBean(GatedBinder.class);
		assertThat(binder.boundAfterInit).isTrue();
		assertThat(binder.thread).isEqualTo("lambda-ext-deferred-init");
		ConfigurableListableBeanFactory beanFactory = this.context.getBeanFactory();
		assertThat(OFF_THE_CRITICAL_PATH).allSatisfy((name) -> assertThat(beanFactory.containsSingleton(name)).as(name)
			.isTrue());
		MeterRegistry registry = this.context.getBean(MeterRegistry.class);
		assertThat(registry.find("jvm.memory.used").gauges()).isNotEmpty();
		assertThat(registry.get("lambda.extension.startup").tag("phase", "first-next").timeGauge().value())
			.isPositive();
		// Boot's start-up meters, and the extension's per-listener counters, come from events published before
		// their listeners were created
		assertThat(registry.get("application.ready.time").timeGauge().value()).isPositive();
		assertThat(registry.get("lambda.extension.telemetry.listener.dropped").tag("listener", "counting")
			.tag("reason", "overflow").functionCounter().count()).isZero();
		assertThat(registry.get("application.started.time").timeGauge().value()).isPositive();
		assertThat(this.context.getBean(HealthEndpoint.class).health().getStatus()).isEqualTo(Status.UP);
		this.emulator.invoke().awaitExtensionsDone(WAIT);
	}

	@Test
	void aBeanChosenByAFilterShouldBeDeferredAndItsFailureReportedWithoutStoppingTheOthersOrTheLoop()
			throws Exception {
		this.context = run(ExtensionApplication.class, FailingClientConfiguration.class);
		assertThat(this.context.getBean(DeferredBeanInitializer.class).awaitCompletion(WAIT)).isTrue();
		assertThat(this.logs.messages(System.Logger.Level.ERROR))
			.containsExactly("Deferred bean 'reportClient' could not be created; the extension goes on without it");
		assertThat(this.context.getBean(MeterRegistry.class).find("jvm.memory.used").gauges()).isNotEmpty();
		this.emulator.invoke().awaitExtensionsDone(WAIT);
		this.emulator.invoke().awaitExtensionsDone(WAIT);
	}

	@Test
	void withDeferredInitializationDisabledEverythingShouldBeCreatedBeforeTheFirstNext() {
		this.context = run(ExtensionApplication.class, "lambda.extension.deferred-initialization.enabled=false");
		this.emulator.awaitInitComplete(WAIT);
		assertThat(this.context.getBean(InitSnapshot.class).createdAtFirstNext)
			.allSatisfy((name, created) -> assertThat(created).as(name).isTrue());
		assertThat(this.context.getBeansOfType(DeferredBeanInitializer.class)).isEmpty();
	}

	private ConfigurableApplicationContext run(Class<?> application, Object... more) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties("lambda.extension.name=deferred-test", "lambda.extension.runtime-api=" + this.emulator.runtimeApi(),
					"lambda.extension.retry.max-attempts=1", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=health,lambdaextension")
			.initializers((context) -> {
				context.getBeanFactory().registerSingleton("emulator", this.emulator);
				context.getBeanFactory()
					.registerSingleton("lambdaExtensionExitHandler", (ExtensionExitHandler) this.exitStatus::complete);
			});
		for (Object extra : more) {
			if (extra instanceof Class<?> source) {
				builder.sources(source);
			}
			else {
				builder.properties((String) extra);
			}
		}
		return builder.run();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ExtensionApplication {

		@Bean
		InitSnapshot initSnapshot(ConfigurableListableBeanFactory beanFactory) {
			return new InitSnapshot(beanFactory);
		}

		@Bean
		CountingListener countingListener() {
			return new CountingListener();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class GatedBinderConfiguration {

		@Bean
		GatedBinder gatedBinder(LambdaEmulator emulator) {
			return new GatedBinder(emulator);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingClientConfiguration {

		@Bean
		static DeferredInitializationFilter deferReportClient() {
			return (name, definition, type) -> name.equals("reportClient");
		}

		@Bean
		ReportClient reportClient() {
			throw new IllegalStateException("no endpoint configured");
		}

	}

	static class ReportClient {

	}

	/**
	 * Records, when the first {@code event/next} is about to be called, which of the beans
	 * off the critical path exist.
	 */
	static class InitSnapshot implements ExtensionObserver {

		private final ConfigurableListableBeanFactory beanFactory;

		final Map<String, Boolean> createdAtFirstNext = new ConcurrentHashMap<>();

		InitSnapshot(ConfigurableListableBeanFactory beanFactory) {
			this.beanFactory = beanFactory;
		}

		@Override
		public void firstNext() {
			OFF_THE_CRITICAL_PATH
				.forEach((name) -> this.createdAtFirstNext.put(name, this.beanFactory.containsSingleton(name)));
		}

	}

	/**
	 * A binder that, when bound, waits (bounded) until the emulator has seen Init end: it
	 * can only succeed if it is bound after the first {@code event/next}.
	 */
	static class GatedBinder implements MeterBinder {

		private final LambdaEmulator emulator;

		volatile boolean boundAfterInit;

		volatile String thread;

		GatedBinder(LambdaEmulator emulator) {
			this.emulator = emulator;
		}

		@Override
		public void bindTo(MeterRegistry registry) {
			this.thread = Thread.currentThread().getName();
			try {
				this.emulator.awaitInitComplete(WAIT);
				this.boundAfterInit = true;
			}
			catch (RuntimeException ex) {
				this.boundAfterInit = false;
			}
		}

	}

	static class CountingListener {

		@TelemetryListener(id = "counting", async = true)
		void onEvent(TelemetryEvent event) {
		}

	}

}
