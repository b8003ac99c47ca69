package dev.lambdaextension.listener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.lambdaextension.telemetry.PlatformReport;
import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryListener;
import dev.lambdaextension.telemetry.UnknownTelemetryEvent;
import dev.lambdaextension.test.logging.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TelemetryListenerAnnotationBeanPostProcessor}.
 */
class TelemetryListenerAnnotationBeanPostProcessorTests {

	@RegisterExtension
	final LogCapture logs = LogCapture.of("dev.lambdaextension");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(TelemetryListenerTestConfiguration.class);

	@Test
	void badSignatureShouldFailStartupNamingBeanAndMethod() {
		this.contextRunner.withBean("orders", BadSignatureListener.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidTelemetryListenerException.class)
				.hasMessage("@TelemetryListener method 'orders.onReport(String)' must take one TelemetryEvent, "
						+ "a typed view of it, or a List of them");
		});
	}

	@Test
	void contradictingTypesShouldFailStartup() {
		this.contextRunner.withBean("orders", ContradictingTypesListener.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("'orders.onReport(PlatformReport)' declares types [function]");
		});
	}

	@Test
	void annotatedMethodsShouldBeRegisteredWithGeneratedOrDeclaredIds() {
		this.contextRunner.withBean("reports", ReportListener.class).run((context) -> {
			assertThat(context).hasNotFailed();
			List<TelemetryListenerDescriptor> listeners = context.getBean(TelemetryListenerRegistry.class)
				.listeners();
			assertThat(listeners).singleElement().satisfies((listener) -> {
				assertThat(listener.id()).isEqualTo("reportListener");
				assertThat(listener.beanName()).isEqualTo("reports");
				assertThat(listener.method()).isEqualTo("onReport(PlatformReport)");
				assertThat(listener.types()).containsExactly("platform.report");
				assertThat(listener.batch()).isFalse();
			});
		});
		this.contextRunner.withBean("any", AnyEventListener.class).run((context) -> {
			assertThat(context.getBean(TelemetryListenerRegistry.class).listeners()).singleElement()
				.satisfies((listener) -> assertThat(listener.id())
					.startsWith(MethodTelemetryListenerEndpointFactory.GENERATED_ID_PREFIX));
		});
	}

	@Test
	void duplicateIdsShouldFailStartup() {
		this.contextRunner.withBean("first", ReportListener.class)
			.withBean("second", ReportListener.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasMessage("Telemetry listener id 'reportListener' of "
						+ "'second.onReport(PlatformReport)' is already used by 'first.onReport(PlatformReport)'");
			});
	}

	@Test
	void classProxyShouldBeDetectedAndInvokedThroughProxy() {
		this.contextRunner.withUserConfiguration(ClassProxyConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(TelemetryListenerRegistry.class)
				.consume(TestTelemetry.batch(TestTelemetry.report("r-1"), TestTelemetry.functionLog("x")));
			assertThat(ClassProxyConfiguration.target.received).extracting(PlatformReport::requestId)
				.containsExactly("r-1");
		});
	}

	@Test
	void interfaceProxyShouldBeDetectedAndInvokedThroughProxy() {
		this.contextRunner.withUserConfiguration(InterfaceProxyConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean("reports")).isNotInstanceOf(ProxiedReportListener.class);
			context.getBean(TelemetryListenerRegistry.class).consume(TestTelemetry.batch(TestTelemetry.report("r-2")));
			assertThat(InterfaceProxyConfiguration.target.received).extracting(PlatformReport::requestId)
				.containsExactly("r-2");
		});
	}

	@Test
	void placeholdersShouldBeResolved() {
		this.contextRunner.withBean("any", PlaceholderListener.class)
			.withPropertyValues("listener.id=fromProperty", "listener.types=platform.start,platform.report")
			.run((context) -> assertThat(context.getBean(TelemetryListenerRegistry.class).getListener("fromProperty"))
				.isNotNull()
				.satisfies((listener) -> assertThat(listener.types()).containsExactly("platform.start",
						"platform.report")));
	}

	@Test
	void misspelledTypeShouldFailStartupSuggestingTheNearestType() {
		this.contextRunner.withBean("orders", MisspelledTypeListener.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.isInstanceOf(IllegalStateException.class)
				.hasMessage("@TelemetryListener method 'orders.onEvent(TelemetryEvent)' declares unknown event type "
						+ "'platform.reprot' (did you mean 'platform.report'?)");
		});
	}

	@Test
	void misspelledTypeOfATypedViewShouldFailStartupSuggestingTheNearestType() {
		this.contextRunner.withBean("orders", MisspelledViewTypeListener.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("@TelemetryListener method 'orders.onReport(PlatformReport)' declares unknown event type "
						+ "'platform.reprot' (did you mean 'platform.report'?)");
		});
	}

	@Test
	void misspelledTypeFromAPlaceholderShouldFailStartupWithTheResolvedValue() {
		this.contextRunner.withBean("any", PlaceholderListener.class)
			.withPropertyValues("listener.id=fromProperty", "listener.types=platform.start,platform.runtimeDnoe")
			.run((context) -> assertThat(context.getStartupFailure())
				.hasMessage("@TelemetryListener method 'any.onEvent(TelemetryEvent)' declares unknown event type "
						+ "'platform.runtimeDnoe' (did you mean 'platform.runtimeDone'?)"));
	}

	@Test
	void unknownPlatformTypeWithoutNearMatchShouldFailStartupNamingTheAdditionalTypesProperty() {
		this.contextRunner.withBean("faults", UnknownPlatformTypeListener.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasMessage("@TelemetryListener method 'faults.onEvent(TelemetryEvent)' declares unknown event type "
						+ "'platform.fault'; if Lambda sends it, add it to "
						+ "'lambda.extension.telemetry.additional-types'");
		});
	}

	@Test
	void additionalTypeShouldBeAcceptedAndDelivered() {
		new ApplicationContextRunner().withUserConfiguration(BppOnlyConfiguration.class)
			.withBean(TelemetryListenerRegistry.class, () -> {
				TelemetryListenerRegistry registry = new TelemetryListenerRegistry();
				registry.setAdditionalTypes(List.of("platform.somethingNew"));
				return registry;
			})
			.withBean("newTypes", NewPlatformTypeListener.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(TelemetryListenerRegistry.class)
					.consume(TestTelemetry.batch(TestTelemetry.report("r-1"), TestTelemetry.unknown()));
				assertThat(context.getBean(NewPlatformTypeListener.class).received).singleElement()
					.isInstanceOfSatisfying(UnknownTelemetryEvent.class,
							(event) -> assertThat(event.type()).isEqualTo("platform.somethingNew"));
			});
	}

	@Test
	void streamNameShouldReceiveEveryTypeOfItsStream() {
		this.contextRunner.withBean("platform", PlatformStreamListener.class).run((context) -> {
			assertThat(context).hasNotFailed();
			TelemetryListenerRegistry registry = context.getBean(TelemetryListenerRegistry.class);
			assertThat(registry.requiredStreams()).containsExactly("platform");
			registry.consume(TestTelemetry.batch(TestTelemetry.start("r-1"), TestTelemetry.functionLog("x"),
					TestTelemetry.report("r-1"), TestTelemetry.unknown()));
			assertThat(context.getBean(PlatformStreamListener.class).received).extracting(TelemetryEvent::type)
				.containsExactly("platform.start", "platform.report", "platform.somethingNew");
		});
	}

	@Test
	void missingErrorHandlerBeanShouldFailStartup() {
		this.contextRunner.withBean("orders", MissingErrorHandlerListener.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining(
					"'orders.onEvent(TelemetryEvent)' names error handler 'absent', but there is no "
							+ "TelemetryListenerErrorHandler bean with that name");
		});
	}

	@Test
	void missingRegistryShouldFailStartup() {
		new ApplicationContextRunner().withUserConfiguration(BppOnlyConfiguration.class)
			.withBean("reports", ReportListener.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasMessageContaining("need a TelemetryListenerRegistry bean");
			});
	}

	static class BadSignatureListener {

		@TelemetryListener
		void onReport(String report) {
		}

	}

	static class ContradictingTypesListener {

		@TelemetryListener(types = "function")
		void onReport(PlatformReport report) {
		}

	}

	static class ReportListener {

		@TelemetryListener(id = "reportListener")
		void onReport(PlatformReport report) {
		}

	}

	static class AnyEventListener {

		@TelemetryListener
		void onEvent(TelemetryEvent event) {
		}

	}

	static class PlaceholderListener {

		@TelemetryListener(id = "${listener.id}", types = "${listener.types}")
		void onEvent(TelemetryEvent event) {
		}

	}

	static class MisspelledTypeListener {

		@TelemetryListener(types = "platform.reprot")
		void onEvent(TelemetryEvent event) {
		}

	}

	static class MisspelledViewTypeListener {

		@TelemetryListener(types = "platform.reprot")
		void onReport(PlatformReport report) {
		}

	}

	static class UnknownPlatformTypeListener {

		@TelemetryListener(types = "platform.fault")
		void onEvent(TelemetryEvent event) {
		}

	}

	static class NewPlatformTypeListener {

		final List<TelemetryEvent> received = new CopyOnWriteArrayList<>();

		@TelemetryListener(types = "platform.somethingNew")
		void onEvent(TelemetryEvent event) {
			this.received.add(event);
		}

	}

	static class PlatformStreamListener {

		final List<TelemetryEvent> received = new CopyOnWriteArrayList<>();

		@TelemetryListener(types = "platform")
		void onEvent(TelemetryEvent event) {
			this.received.add(event);
		}

	}

	static class MissingErrorHandlerListener {

		@TelemetryListener(errorHandler = "absent")
		void onEvent(TelemetryEvent event) {
		}

	}

	interface ReportHandler {

		void onReport(PlatformReport report);

	}

	static class ProxiedReportListener implements ReportHandler {

		final List<PlatformReport> received = new CopyOnWriteArrayList<>();

		@Override
		@TelemetryListener
		public void onReport(PlatformReport report) {
			this.received.add(report);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClassProxyConfiguration {

		static final ProxiedReportListener target = new ProxiedReportListener();

		@Bean
		Object reports() {
			ProxyFactory proxyFactory = new ProxyFactory(target);
			proxyFactory.setProxyTargetClass(true);
			return proxyFactory.getProxy();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InterfaceProxyConfiguration {

		static final ProxiedReportListener target = new ProxiedReportListener();

		@Bean
		ReportHandler reports() {
			ProxyFactory proxyFactory = new ProxyFactory(target);
			proxyFactory.addInterface(ReportHandler.class);
			return (ReportHandler) proxyFactory.getProxy();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BppOnlyConfiguration {

		@Bean
		static TelemetryListenerAnnotationBeanPostProcessor telemetryListenerAnnotationBeanPostProcessor() {
			return new TelemetryListenerAnnotationBeanPostProcessor();
		}

	}

}
