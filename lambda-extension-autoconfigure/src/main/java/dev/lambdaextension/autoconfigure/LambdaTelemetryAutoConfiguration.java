package dev.lambdaextension.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import dev.lambdaextension.client.DefaultLogsApiClient;
import dev.lambdaextension.client.DefaultTelemetryApiClient;
import dev.lambdaextension.client.LifecycleEventType;
import dev.lambdaextension.client.LogsApiClient;
import dev.lambdaextension.client.LogsApiTelemetryClient;
import dev.lambdaextension.client.RuntimeApiHttp;
import dev.lambdaextension.client.TelemetryApiClient;
import dev.lambdaextension.lifecycle.ExtensionObserver;
import dev.lambdaextension.lifecycle.RuntimeDoneBarrier;
import dev.lambdaextension.lifecycle.ShutdownTelemetryDrain;
import dev.lambdaextension.lifecycle.TelemetrySubscriber;
import dev.lambdaextension.listener.LoggingTelemetryListenerErrorHandler;
import dev.lambdaextension.listener.TelemetryListenerAnnotationBeanPostProcessor;
import dev.lambdaextension.listener.TelemetryListenerErrorHandler;
import dev.lambdaextension.listener.TelemetryListenerRegistry;
import dev.lambdaextension.telemetry.LogsApiTypes;
import dev.lambdaextension.telemetry.TelemetryBatchParser;
import dev.lambdaextension.telemetry.TelemetryObserver;
import dev.lambdaextension.telemetry.TelemetryStream;
import dev.lambdaextension.telemetry.dispatch.DispatchOptions;
import dev.lambdaextension.telemetry.dispatch.InvocationProgress;
import dev.lambdaextension.telemetry.dispatch.StreamFilteringConsumer;
import dev.lambdaextension.telemetry.dispatch.TelemetryDispatcher;
import dev.lambdaextension.telemetry.receiver.TelemetryReceiver;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the Telemetry API: {@code @TelemetryListener} methods, the local endpoint Lambda
 * posts batches to, the dispatch queue, and the subscription during Init. Beans with
 * {@code @TelemetryListener} methods are never initialised lazily: the subscription's
 * types come from them. With {@code lambda.extension.logs.enabled} the subscription goes
 * to the legacy Logs API instead, with the {@code lambda.extension.logs} settings, and
 * everything else stays as it is.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = LambdaExtensionAutoConfiguration.class)
@ConditionalOnLambdaRuntime
@Conditional(OnTelemetrySourceCondition.class)
@EnableConfigurationProperties(LogsProperties.class)
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
		return (beanName, definition, beanType) -> TelemetryListenerAnnotationBeanPostProcessor
			.hasListenerMethods(beanType);
	}

	@Bean
	@ConditionalOnMissingBean
	TelemetryListenerRegistry telemetryListenerRegistry(ObjectProvider<TelemetryListenerErrorHandler> errorHandler,
			ObjectProvider<TelemetryObserver> observers, LambdaExtensionProperties properties, LogsProperties logs) {
		TelemetryListenerRegistry registry = new TelemetryListenerRegistry(
				errorHandler.getIfUnique(LoggingTelemetryListenerErrorHandler::new));
		List<String> additionalTypes = new ArrayList<>(properties.getTelemetry().getAdditionalTypes());
		if (logs.isEnabled()) {
			additionalTypes.addAll(LogsApiTypes.ALL);
		}
		registry.setAdditionalTypes(additionalTypes);
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
	StreamFilteringConsumer telemetryListenerStreams(TelemetryListenerRegistry registry) {
		return new StreamFilteringConsumer(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	TelemetryDispatcher telemetryDispatcher(StreamFilteringConsumer listeners, InvocationProgress progress,
			LambdaExtensionProperties properties, BeanFactory beanFactory, ObjectProvider<TelemetryObserver> observers) {
		LambdaExtensionProperties.Dispatch dispatch = properties.getTelemetry().getDispatch();
		DispatchOptions options = DispatchOptions.builder()
			.capacity(dispatch.getQueueCapacity())
			.overflowStrategy(dispatch.getOverflowStrategy())
			.build();
		Executor executor = (dispatch.getExecutor() != null) ? beanFactory.getBean(dispatch.getExecutor(), Executor.class)
				: null;
		TelemetryDispatcher dispatcher = new TelemetryDispatcher(listeners, options, executor);
		dispatcher.setObserver(TelemetryObserver.composite(observers.orderedStream().toList()));
		dispatcher.setSettledListener(progress);
		return dispatcher;
	}

	@Bean(destroyMethod = "stop")
	@ConditionalOnMissingBean
	TelemetryReceiver telemetryReceiver(TelemetryBatchParser parser, TelemetryDispatcher dispatcher,
			LambdaExtensionProperties properties, LogsProperties logs, ObjectProvider<TelemetryObserver> observers,
			ObjectProvider<TelemetryReceiverCustomizer> customizers) {
		LambdaExtensionProperties.Telemetry telemetry = properties.getTelemetry();
		DataSize maxBodySize = telemetry.getReceiver().getMaxBodySize();
		DataSize bufferedBytes = logs.isEnabled() ? logs.getBuffering().getMaxBytes()
				: telemetry.getBuffering().getMaxBytes();
		long maxBodyBytes = (maxBodySize != null) ? maxBodySize.toBytes()
				: 2 * bufferedBytes.toBytes() + ENVELOPE_ALLOWANCE;
		LambdaExtensionProperties.Receiver settings = telemetry.getReceiver();
		TelemetryReceiver.Builder builder = TelemetryReceiver.builder(dispatcher)
			.address(TelemetryReceiverAddress.resolve(settings))
			.maxBodyBytes(maxBodyBytes)
			.parser(parser)
			.path(settings.getPath())
			.readTimeout(settings.getReadTimeout())
			.maxConnections(settings.getMaxConnections())
			.protocol(telemetry.getProtocol());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		TelemetryReceiver receiver = builder.build();
		receiver.setObserver(TelemetryObserver.composite(observers.orderedStream().toList()));
		return receiver;
	}

	@Bean
	@ConditionalOnMissingBean
	TelemetryApiClient telemetryApiClient(RuntimeApiHttp http) {
		return new DefaultTelemetryApiClient(http);
	}

	@Bean
	@ConditionalOnMissingBean
	LogsApiClient logsApiClient(RuntimeApiHttp http) {
		return new DefaultLogsApiClient(http);
	}

	@Bean
	@ConditionalOnMissingBean
	InvocationProgress telemetryInvocationProgress() {
		return new InvocationProgress();
	}

	@Bean
	@ConditionalOnMissingBean
	TelemetrySubscriber telemetrySubscriber(TelemetryApiClient client, ObjectProvider<LogsApiClient> logsClient,
			TelemetryReceiver receiver, StreamFilteringConsumer listeners, TelemetryListenerRegistry registry,
			LambdaExtensionProperties properties, LogsProperties logs, Environment environment,
			ObjectProvider<ExtensionObserver> observers) {
		ExecutionMode mode = ExecutionMode.of(properties, environment);
		LogsApiMode.check(logs, mode, environment);
		LambdaExtensionProperties.Telemetry telemetry = properties.getTelemetry();
		boolean barrier = barrier(properties, logs, mode);
		TelemetrySubscriber subscriber;
		if (logs.isEnabled()) {
			subscriber = new TelemetrySubscriber(new LogsApiTelemetryClient(logsClient.getObject(), logs.getMethod()),
					receiver, () -> streams(logs.getTypes(), registry),
					LogsApiMode.template(logs, telemetry.getReceiver().getHost(), barrier), barrier ? listeners : null);
		}
		else {
			LambdaExtensionProperties.Buffering buffering = telemetry.getBuffering();
			TelemetrySubscriber.SubscriptionTemplate template = new TelemetrySubscriber.SubscriptionTemplate(
					telemetry.getReceiver().getHost(), mode.schemaVersion(telemetry.getSchemaVersion()),
					mode.allowsSchemaFallback(), buffering.getMaxItems(), buffering.getMaxBytes().toBytes(),
					mode.bufferingTimeout(buffering.getTimeout()).toMillis());
			subscriber = new TelemetrySubscriber(client, receiver, () -> streams(telemetry.getTypes(), registry),
					template, barrier ? listeners : null);
		}
		subscriber.setObserver(ExtensionObserver.composite(observers.orderedStream().toList()));
		return subscriber;
	}

	@Bean
	@ConditionalOnMissingBean
	RuntimeDoneBarrier telemetryRuntimeDoneBarrier(InvocationProgress progress, TelemetrySubscriber subscriber,
			LambdaExtensionProperties properties, LogsProperties logs, Environment environment) {
		return new RuntimeDoneBarrier(progress, subscriber,
				barrier(properties, logs, ExecutionMode.of(properties, environment))
						? properties.getTelemetry().getBarrier().getTimeout() : null);
	}

	@Bean
	@ConditionalOnMissingBean
	ShutdownTelemetryDrain telemetryShutdownDrain(TelemetrySubscriber subscriber, TelemetryReceiver receiver,
			TelemetryDispatcher dispatcher, InvocationProgress progress, LambdaExtensionProperties properties,
			LogsProperties logs, Environment environment, TelemetryListenerRegistry registry) {
		ExecutionMode mode = ExecutionMode.of(properties, environment);
		Duration bufferingTimeout = logs.isEnabled()
				? LogsApiMode.bufferingTimeout(logs, barrier(properties, logs, mode))
				: mode.bufferingTimeout(properties.getTelemetry().getBuffering().getTimeout());
		ShutdownTelemetryDrain drain = new ShutdownTelemetryDrain(subscriber, receiver, dispatcher, progress,
				ExecutionMode.quietPeriod(properties.getShutdown().getQuietPeriod(), bufferingTimeout),
				mode.events(properties.getEvents()).contains(LifecycleEventType.INVOKE));
		drain.setDeferredDeliveries(registry);
		return drain;
	}

	private static boolean barrier(LambdaExtensionProperties properties, LogsProperties logs, ExecutionMode mode) {
		boolean enabled = properties.getTelemetry().getBarrier().isEnabled();
		return logs.isEnabled() ? LogsApiMode.barrier(logs, mode, enabled) : mode.barrier(enabled);
	}

	private static List<String> streams(List<String> configured, TelemetryListenerRegistry registry) {
		if (!configured.isEmpty()) {
			return configured;
		}
		List<String> streams = new ArrayList<>(TelemetryStream.wireNames());
		streams.retainAll(registry.requiredStreams());
		return streams;
	}

}
