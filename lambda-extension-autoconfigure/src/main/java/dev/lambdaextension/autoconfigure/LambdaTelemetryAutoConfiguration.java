package dev.lambdaextension.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import dev.lambdaextension.client.DefaultTelemetryApiClient;
import dev.lambdaextension.client.RuntimeApiHttp;
import dev.lambdaextension.client.TelemetryApiLimits;
import dev.lambdaextension.lifecycle.ExtensionObserver;
import dev.lambdaextension.lifecycle.TelemetrySubscriber;
import dev.lambdaextension.listener.LoggingTelemetryListenerErrorHandler;
import dev.lambdaextension.listener.TelemetryListenerAnnotationBeanPostProcessor;
import dev.lambdaextension.listener.TelemetryListenerErrorHandler;
import dev.lambdaextension.listener.TelemetryListenerRegistry;
import dev.lambdaextension.telemetry.TelemetryBatchParser;
import dev.lambdaextension.telemetry.TelemetryListener;
import dev.lambdaextension.telemetry.TelemetryObserver;
import dev.lambdaextension.telemetry.dispatch.DispatchOptions;
import dev.lambdaextension.telemetry.dispatch.TelemetryDispatcher;
import dev.lambdaextension.telemetry.receiver.TelemetryReceiver;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.unit.DataSize;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the Telemetry API: {@code @TelemetryListener} methods, the local endpoint Lambda
 * posts batches to, the dispatch queue, and the subscription during Init. Beans with
 * {@code @TelemetryListener} methods are never initialised lazily: the subscription's
 * types come from them.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = LambdaExtensionAutoConfiguration.class)
@ConditionalOnLambdaRuntime
@ConditionalOnBooleanProperty(name = "lambda.extension.telemetry.enabled", matchIfMissing = true)
public final class LambdaTelemetryAutoConfiguration {

	private static final long ENVELOPE_ALLOWANCE = 64 * 1024;

	LambdaTelemetryAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	static TelemetryListenerAnnotationBeanPostProcessor telemetryListenerAnnotationBeanPostProcessor() {
		return new TelemetryListenerAnnotationBeanPostProcessor();
	}

	@Bean
	static LazyInitializationExcludeFilter telemetryListenerLazyInitializationExcludeFilter() {
		return (beanName, definition, beanType) -> AnnotationUtils.isCandidateClass(beanType, TelemetryListener.class)
				&& !MethodIntrospector
					.selectMethods(beanType,
							(MethodIntrospector.MetadataLookup<TelemetryListener>) (method) -> AnnotatedElementUtils
								.findMergedAnnotation(method, TelemetryListener.class))
					.isEmpty();
	}

	@Bean
	@ConditionalOnMissingBean
	TelemetryListenerRegistry telemetryListenerRegistry(ObjectProvider<TelemetryListenerErrorHandler> errorHandler,
			ObjectProvider<TelemetryObserver> observers, LambdaExtensionProperties properties) {
		TelemetryListenerRegistry registry = new TelemetryListenerRegistry(
				errorHandler.getIfUnique(LoggingTelemetryListenerErrorHandler::new));
		registry.setAdditionalTypes(properties.getTelemetry().getAdditionalTypes());
		registry.setObserver(TelemetryObserver.composite(observers.orderedStream().toList()));
		return registry;
	}

	@Bean
	@ConditionalOnMissingBean
	TelemetryBatchParser telemetryBatchParser() {
		return new TelemetryBatchParser(JsonMapper.shared());
	}

	@Bean
	@ConditionalOnMissingBean
	TelemetryDispatcher telemetryDispatcher(TelemetryListenerRegistry registry, LambdaExtensionProperties properties,
			BeanFactory beanFactory, ObjectProvider<TelemetryObserver> observers) {
		LambdaExtensionProperties.Dispatch dispatch = properties.getTelemetry().getDispatch();
		DispatchOptions options = DispatchOptions.builder()
			.capacity(dispatch.getQueueCapacity())
			.overflowStrategy(dispatch.getOverflowStrategy())
			.build();
		Executor executor = (dispatch.getExecutor() != null) ? beanFactory.getBean(dispatch.getExecutor(), Executor.class)
				: null;
		TelemetryDispatcher dispatcher = new TelemetryDispatcher(registry, options, executor);
		dispatcher.setObserver(TelemetryObserver.composite(observers.orderedStream().toList()));
		return dispatcher;
	}

	@Bean(destroyMethod = "stop")
	@ConditionalOnMissingBean
	TelemetryReceiver telemetryReceiver(TelemetryBatchParser parser, TelemetryDispatcher dispatcher,
			LambdaExtensionProperties properties, ObjectProvider<TelemetryObserver> observers) {
		LambdaExtensionProperties.Telemetry telemetry = properties.getTelemetry();
		DataSize maxBodySize = telemetry.getListener().getMaxBodySize();
		long maxBodyBytes = (maxBodySize != null) ? maxBodySize.toBytes()
				: 2 * telemetry.getBuffering().getMaxBytes().toBytes() + ENVELOPE_ALLOWANCE;
		TelemetryReceiver receiver = new TelemetryReceiver(TelemetryListenerAddress.resolve(telemetry.getListener()),
				maxBodyBytes, parser, dispatcher);
		receiver.setObserver(TelemetryObserver.composite(observers.orderedStream().toList()));
		return receiver;
	}

	@Bean
	@ConditionalOnMissingBean
	DefaultTelemetryApiClient telemetryApiClient(RuntimeApiHttp http) {
		return new DefaultTelemetryApiClient(http);
	}

	@Bean
	@ConditionalOnMissingBean
	TelemetrySubscriber telemetrySubscriber(DefaultTelemetryApiClient client, TelemetryReceiver receiver,
			TelemetryDispatcher dispatcher, TelemetryListenerRegistry registry, LambdaExtensionProperties properties,
			ObjectProvider<ExtensionObserver> observers) {
		LambdaExtensionProperties.Telemetry telemetry = properties.getTelemetry();
		LambdaExtensionProperties.Buffering buffering = telemetry.getBuffering();
		TelemetrySubscriber.SubscriptionTemplate template = new TelemetrySubscriber.SubscriptionTemplate(
				telemetry.getListener().getHost(), telemetry.getSchemaVersion(), buffering.getMaxItems(),
				buffering.getMaxBytes().toBytes(), buffering.getTimeout().toMillis());
		TelemetrySubscriber subscriber = new TelemetrySubscriber(client, receiver, dispatcher,
				() -> streams(telemetry, registry), template,
				telemetry.getBarrier().isEnabled() ? telemetry.getBarrier().getTimeout() : null);
		subscriber.setObserver(ExtensionObserver.composite(observers.orderedStream().toList()));
		return subscriber;
	}

	private static List<String> streams(LambdaExtensionProperties.Telemetry telemetry,
			TelemetryListenerRegistry registry) {
		if (!telemetry.getTypes().isEmpty()) {
			return telemetry.getTypes();
		}
		List<String> streams = new ArrayList<>(TelemetryApiLimits.STREAMS);
		streams.retainAll(registry.requiredStreams());
		return streams;
	}

}
