package dev.lambdaextension.listener;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.lambdaextension.telemetry.TelemetryEvent;
import dev.lambdaextension.telemetry.TelemetryObserver;
import dev.lambdaextension.telemetry.TelemetryStream;
import dev.lambdaextension.telemetry.TelemetryTypes;
import dev.lambdaextension.telemetry.dispatch.DeferredDeliveries;
import dev.lambdaextension.telemetry.dispatch.DrainResult;
import dev.lambdaextension.telemetry.dispatch.TelemetryBatchConsumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Holds the registered telemetry listener endpoints and delivers each dispatched
 * batch to them: for each listener in registration order, the matching events of the
 * batch in their order, as one {@code List} for a batch listener (skipped when empty) or
 * one call per event otherwise. Every listener receives every matching event exactly
 * once. Every type a listener declares is checked on registration: it must be one of the
 * types or streams {@link TelemetryTypes} knows, or an
 * {@link #setAdditionalTypes(Collection) additional} platform type. A failing listener is
 * reported to its {@link TelemetryListenerErrorHandler} and never stops delivery to the
 * others; an error handler that throws is logged the way
 * {@link LoggingTelemetryListenerErrorHandler} logs listener failures. A listener can be
 * {@link #stop(String) stopped} and {@link #start(String) started} by id; one registered
 * with autoStartup off starts stopped. An event is matching when the listener
 * {@link TelemetryListenerEndpoint#accepts(TelemetryEvent) accepts} it (types, parameter
 * type, condition); a condition that fails on an event goes to the error handler with the
 * whole batch. An {@link TelemetryListenerEndpoint#isAsync() asynchronous} listener gets
 * its calls on its own thread through a bounded queue: the dispatch thread only queues
 * them, a batch that finds the queue full is dropped for that listener and counted, and
 * {@link #drain(Instant)} works the queues off at shutdown.
 *
 * @since 0.1.0
 */
public class TelemetryListenerRegistry implements TelemetryBatchConsumer, DeferredDeliveries {

	private static final Log logger = LogFactory.getLog(TelemetryListenerRegistry.class);


	private static final Set<String> ALL_STREAMS = Collections
		.unmodifiableSet(new LinkedHashSet<>(TelemetryStream.wireNames()));

	private final List<Registration> registrations = new CopyOnWriteArrayList<>();

	private final TelemetryListenerErrorHandler defaultErrorHandler;

	private final ListenerFailureLog errorHandlerFailures = new ListenerFailureLog(logger,
			LoggingTelemetryListenerErrorHandler.DEFAULT_LOGGED_FAILURES,
			LoggingTelemetryListenerErrorHandler.DEFAULT_SUMMARY_INTERVAL, System::nanoTime);

	private volatile TelemetryObserver observer = TelemetryObserver.NONE;

	private volatile Set<String> additionalTypes = Collections.emptySet();

	/**
	 * Create a registry whose default error handler logs failures.
	 */
	public TelemetryListenerRegistry() {
		this(new LoggingTelemetryListenerErrorHandler());
	}

	/**
	 * Create a registry with the given default error handler.
	 * @param defaultErrorHandler the handler for listeners without their own
	 */
	public TelemetryListenerRegistry(TelemetryListenerErrorHandler defaultErrorHandler) {
		this.defaultErrorHandler = Objects.requireNonNull(defaultErrorHandler,
				"'defaultErrorHandler' must not be null");
	}

	/**
	 * Register an endpoint with the default error handler.
	 * @param endpoint the endpoint
	 * @throws IllegalStateException if an endpoint with the same id is registered, or the
	 * endpoint declares an unknown type
	 */
	public void register(TelemetryListenerEndpoint endpoint) {
		register(endpoint, null);
	}

	/**
	 * Register an endpoint; each batch reaches the listeners one after the other, in
	 * {@link TelemetryListenerEndpoint#getOrder() order}.
	 * @param endpoint the endpoint
	 * @param errorHandler its error handler, or {@code null} for the default
	 * @throws IllegalStateException if an endpoint with the same id is registered, or the
	 * endpoint declares a type that is neither known nor
	 * {@link #setAdditionalTypes(Collection) additional}
	 */
	public synchronized void register(TelemetryListenerEndpoint endpoint,
			@Nullable TelemetryListenerErrorHandler errorHandler) {
		Objects.requireNonNull(endpoint, "'endpoint' must not be null");
		for (String type : endpoint.getTypes()) {
			String unknown = TelemetryListenerTypes.unknownTypeMessage(TelemetryListenerTypes.subject(endpoint), type,
					this.additionalTypes);
			if (unknown != null) {
				throw new InvalidTelemetryListenerException(unknown);
			}
		}
		Registration existing = find(endpoint.getId());
		if (existing != null) {
			throw new InvalidTelemetryListenerException("Telemetry listener id '" + endpoint.getId() + "' of '"
					+ endpoint.getDescription() + "' is already used by '" + existing.endpoint.getDescription() + "'");
		}
		TelemetryListenerErrorHandler handler = (errorHandler != null) ? errorHandler : this.defaultErrorHandler;
		int index = 0;
		while (index < this.registrations.size()
				&& this.registrations.get(index).endpoint.getOrder() <= endpoint.getOrder()) {
			index++;
		}
		this.registrations.add(index, new Registration(endpoint, handler));
	}

	/**
	 * Set the event types listeners may declare besides the types and streams
	 * {@link TelemetryTypes} knows: platform types newer than this library. Applies to
	 * endpoints registered afterwards.
	 * @param additionalTypes the types, each starting with {@code platform.}
	 * @throws IllegalArgumentException if a type does not start with {@code platform.}
	 */
	public void setAdditionalTypes(Collection<String> additionalTypes) {
		Objects.requireNonNull(additionalTypes, "'additionalTypes' must not be null");
		for (String type : additionalTypes) {
			if (!TelemetryTypes.isPlatformType(type)) {
				throw new IllegalArgumentException(
						"'additionalTypes' must contain only types starting with 'platform.', not '" + type + "'");
			}
		}
		this.additionalTypes = Set.copyOf(additionalTypes);
	}

	/**
	 * Set the observer told about every listener failure.
	 * @param observer the observer
	 */
	public void setObserver(TelemetryObserver observer) {
		this.observer = Objects.requireNonNull(observer, "'observer' must not be null");
	}

	@Override
	public void consume(List<TelemetryEvent> batch) {
		for (Registration registration : this.registrations) {
			if (registration.running) {
				registration.deliver(batch, this.observer, this.errorHandlerFailures);
			}
		}
	}

	/**
	 * Drain the queues of the asynchronous listeners until the deadline, then stop
	 * their threads; batches dispatched afterwards are dropped for them.
	 * @param deadline when delivering must have ended
	 * @return the events delivered while draining and those left undelivered
	 */
	@Override
	public DrainResult drain(Instant deadline) {
		long delivered = 0;
		long undelivered = 0;
		for (Registration registration : this.registrations) {
			if (registration.async != null) {
				DrainResult result = registration.async.drain(deadline);
				delivered += result.delivered();
				undelivered += result.undelivered();
			}
		}
		return new DrainResult(delivered, undelivered);
	}

	/**
	 * Return the events the asynchronous listeners lost: dropped on a full queue or left
	 * undelivered by a drain.
	 * @return the lost events
	 */
	@Override
	public long lostEvents() {
		long lost = 0;
		for (Registration registration : this.registrations) {
			if (registration.async != null) {
				lost += registration.async.getDroppedEvents() + registration.async.getUndeliveredEvents();
			}
		}
		return lost;
	}

	/**
	 * Start delivering events to a listener registered stopped, or stopped since.
	 * @param id the listener id
	 * @throws IllegalArgumentException if no listener has that id
	 */
	public void start(String id) {
		registration(id).running = true;
	}

	/**
	 * Stop delivering events to a listener; events meanwhile are not kept for it. Its
	 * types stay subscribed.
	 * @param id the listener id
	 * @throws IllegalArgumentException if no listener has that id
	 */
	public void stop(String id) {
		registration(id).running = false;
	}

	private Registration registration(String id) {
		Registration registration = find(id);
		if (registration == null) {
			throw new IllegalArgumentException("No telemetry listener with id '" + id + "'");
		}
		return registration;
	}

	private @Nullable Registration find(String id) {
		for (Registration registration : this.registrations) {
			if (registration.endpoint.getId().equals(id)) {
				return registration;
			}
		}
		return null;
	}

	/**
	 * Return the Telemetry API streams the registered listeners need, for the
	 * subscription: the streams of their types, or every stream when a listener receives
	 * every type. Stopped listeners count: they may be started after Init, when the
	 * subscription can no longer change.
	 * @return the stream names, for example {@code platform}
	 */
	public Set<String> requiredStreams() {
		Set<String> streams = new LinkedHashSet<>();
		for (Registration registration : this.registrations) {
			Set<String> types = registration.endpoint.getTypes();
			if (types.isEmpty()) {
				return ALL_STREAMS;
			}
			types.forEach((type) -> streams.add(TelemetryTypes.streamOf(type)));
		}
		return Collections.unmodifiableSet(streams);
	}

	/**
	 * Return descriptions of the registered listeners with their counters.
	 * @return the listeners, in registration order
	 */
	public List<TelemetryListenerDescriptor> listeners() {
		return this.registrations.stream().map(Registration::describe).toList();
	}

	/**
	 * Return the description of a registered listener.
	 * @param id the listener id
	 * @return the description, or {@code null} if no listener has that id
	 */
	public @Nullable TelemetryListenerDescriptor getListener(String id) {
		Registration registration = find(id);
		return (registration != null) ? registration.describe() : null;
	}

	private static final class Registration {

		private final TelemetryListenerEndpoint endpoint;

		private final TelemetryListenerErrorHandler errorHandler;

		private final AtomicLong invocations = new AtomicLong();

		private final AtomicLong failures = new AtomicLong();

		private final @Nullable AsyncListenerDelivery async;

		private volatile boolean running;

		Registration(TelemetryListenerEndpoint endpoint, TelemetryListenerErrorHandler errorHandler) {
			this.endpoint = endpoint;
			this.errorHandler = errorHandler;
			this.running = endpoint.isAutoStartup();
			this.async = endpoint.isAsync() ? new AsyncListenerDelivery(endpoint.getId(), endpoint.getQueueCapacity())
					: null;
		}

		void deliver(List<TelemetryEvent> batch, TelemetryObserver observer, ListenerFailureLog errorHandlerFailures) {
			List<List<TelemetryEvent>> calls;
			try {
				calls = calls(batch);
			}
			catch (RuntimeException ex) {
				fail(batch, ex, observer, errorHandlerFailures);
				return;
			}
			if (calls.isEmpty()) {
				return;
			}
			if (this.async != null) {
				this.async.submit(calls, (events) -> invoke(events, observer, errorHandlerFailures));
			}
			else {
				calls.forEach((events) -> invoke(events, observer, errorHandlerFailures));
			}
		}

		private List<List<TelemetryEvent>> calls(List<TelemetryEvent> batch) {
			List<TelemetryEvent> matching = new ArrayList<>();
			for (TelemetryEvent event : batch) {
				if (this.endpoint.accepts(event)) {
					matching.add(event);
				}
			}
			if (matching.isEmpty()) {
				return List.of();
			}
			if (this.endpoint.isBatch()) {
				return List.of(Collections.unmodifiableList(matching));
			}
			return matching.stream().map(List::of).toList();
		}

		void invoke(List<TelemetryEvent> events, TelemetryObserver observer, ListenerFailureLog errorHandlerFailures) {
			this.invocations.incrementAndGet();
			try {
				this.endpoint.onEvents(events);
			}
			catch (Throwable ex) {
				fail(events, ex, observer, errorHandlerFailures);
			}
		}

		private void fail(List<TelemetryEvent> events, Throwable ex, TelemetryObserver observer,
				ListenerFailureLog errorHandlerFailures) {
			this.failures.incrementAndGet();
			handleFailure(new TelemetryListenerExecutionFailedException(this.endpoint.getId(),
					this.endpoint.getDescription(), events, ex), errorHandlerFailures);
			observer.listenerFailed(this.endpoint.getId(), ex);
		}

		private void handleFailure(TelemetryListenerExecutionFailedException failure,
				ListenerFailureLog errorHandlerFailures) {
			try {
				this.errorHandler.handleError(failure);
			}
			catch (Throwable ex) {
				errorHandlerFailures.failed(this.endpoint.getId(),
						"Error handler of telemetry listener '" + this.endpoint.getId() + "'", failure.getEvents(), ex);
			}
		}

		TelemetryListenerDescriptor describe() {
			String beanName = null;
			String method = null;
			if (this.endpoint instanceof MethodTelemetryListenerEndpoint annotated) {
				beanName = annotated.getBeanName();
				method = annotated.getDescription().substring(beanName.length() + 1);
			}
			return new TelemetryListenerDescriptor(this.endpoint.getId(), beanName, method, this.endpoint.getTypes(),
					this.endpoint.isBatch(), this.running, this.invocations.get(), this.failures.get(),
					this.async != null, (this.async != null) ? this.async.getDroppedEvents() : 0,
					(this.async != null) ? this.async.getUndeliveredEvents() : 0);
		}

	}

}
