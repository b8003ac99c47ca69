package dev.lambdaextension.deferred;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.lambdaextension.concurrent.ExtensionThreads;
import dev.lambdaextension.lifecycle.ExtensionObserver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.GenericApplicationListenerAdapter;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.core.ResolvableType;

/**
 * Creates the beans {@link DeferredInitializationBeanFactoryPostProcessor} deferred, on a
 * daemon thread ({@code lambda-ext-deferred-init}), once the first {@code event/next} has
 * been called and the application is ready: after {@code SpringApplication}'s last
 * start-up event (the readiness change to {@code ACCEPTING_TRAFFIC} that follows
 * {@code ApplicationReadyEvent}), or after the refresh of a context it did not start.
 * Deferred application listeners are taken off the event multicaster until then, so that
 * no early event creates them, and are handed the start-up events published before they
 * were created (context refreshed, application started and ready, availability changes).
 * A bean that cannot be created is logged and skipped; the others are still created.
 *
 * @since 0.2.0
 */
public class DeferredBeanInitializer
		implements ExtensionObserver, SmartInitializingSingleton, ApplicationListener<ApplicationEvent> {

	private static final Log logger = LogFactory.getLog(DeferredBeanInitializer.class);

	private static final String SPRING_APPLICATION_ARGUMENTS = "springApplicationArguments";

	private final AtomicBoolean started = new AtomicBoolean();

	private final CountDownLatch completed = new CountDownLatch(1);

	private final List<String> pending = new ArrayList<>();

	private final List<String> heldListeners = new ArrayList<>();

	private final List<ApplicationEvent> startupEvents = new ArrayList<>();

	private final Map<String, Integer> eventsBeforeCreation = new HashMap<>();

	private volatile boolean capturing = true;

	private volatile boolean firstNextCalled;

	private volatile boolean applicationReady;

	private final ConfigurableApplicationContext context;

	/**
	 * Create an initializer of the deferred beans of the given context.
	 * @param context the application context
	 */
	public DeferredBeanInitializer(ConfigurableApplicationContext context) {
		this.context = context;
	}

	@Override
	public void afterSingletonsInstantiated() {
		var beanFactory = this.context.getBeanFactory();
		ApplicationEventMulticaster multicaster = beanFactory.getBean(
				AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME, ApplicationEventMulticaster.class);
		synchronized (this.pending) {
			for (String name : beanFactory.getBeanDefinitionNames()) {
				if (Boolean.TRUE.equals(beanFactory.getBeanDefinition(name)
					.getAttribute(DeferredInitializationBeanFactoryPostProcessor.DEFERRED_ATTRIBUTE))
						&& !beanFactory.containsSingleton(name)) {
					this.pending.add(name);
					if (beanFactory.isTypeMatch(name, ApplicationListener.class)) {
						multicaster.removeApplicationListenerBean(name);
						this.heldListeners.add(name);
					}
				}
			}
			if (this.pending.isEmpty() && this.started.compareAndSet(false, true)) {
				this.capturing = false;
				this.completed.countDown();
			}
		}
	}

	@Override
	public void firstNext() {
		this.firstNextCalled = true;
		startWhenDue();
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (!this.capturing || !isStartupEvent(event)) {
			return;
		}
		synchronized (this.startupEvents) {
			if (this.capturing) {
				this.startupEvents.add(event);
			}
		}
		if (!this.started.get() && isReadiness(event)) {
			this.applicationReady = true;
			startWhenDue();
		}
	}

	/**
	 * Wait until every deferred bean has been created (or failed).
	 * @param timeout how long to wait at most
	 * @return whether they have been
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean awaitCompletion(Duration timeout) throws InterruptedException {
		return this.completed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	private boolean isStartupEvent(ApplicationEvent event) {
		return (event instanceof ContextRefreshedEvent refreshed && refreshed.getApplicationContext() == this.context)
				|| event instanceof ApplicationStartedEvent || event instanceof ApplicationReadyEvent
				|| event instanceof AvailabilityChangeEvent;
	}

	private boolean isReadiness(ApplicationEvent event) {
		if (this.context.getBeanFactory().containsSingleton(SPRING_APPLICATION_ARGUMENTS)) {
			// SpringApplication's last start-up event, right after ApplicationReadyEvent
			return event instanceof AvailabilityChangeEvent<?> availability
					&& availability.getState() == ReadinessState.ACCEPTING_TRAFFIC;
		}
		return event instanceof ContextRefreshedEvent;
	}

	private void startWhenDue() {
		if (this.firstNextCalled && this.applicationReady && this.started.compareAndSet(false, true)) {
			ExtensionThreads.daemon("lambda-ext-deferred-init", this::initialize).start();
		}
	}

	private void initialize() {
		try {
			long start = System.nanoTime();
			List<String> names;
			synchronized (this.pending) {
				names = List.copyOf(this.pending);
			}
			int created = 0;
			for (String name : names) {
				if (!this.context.isActive()) {
					return;
				}
				created += create(name) ? 1 : 0;
				noteCreatedListeners();
			}
			replayStartupEvents();
			if (logger.isDebugEnabled()) {
				logger.debug("Created " + created + " deferred bean(s) in "
						+ Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms after the first event/next");
			}
		}
		finally {
			this.completed.countDown();
		}
	}

	private boolean create(String name) {
		var beanFactory = this.context.getBeanFactory();
		try {
			if (beanFactory.containsSingleton(name)) {
				return false;
			}
			Object bean = beanFactory.getBean(name);
			if (bean instanceof SmartInitializingSingleton initializing) {
				initializing.afterSingletonsInstantiated();
			}
			return true;
		}
		catch (RuntimeException ex) {
			if (this.context.isActive()) {
				logger.error("Deferred bean '" + name + "' could not be created; the extension goes on without it",
						ex);
			}
			return false;
		}
	}

	private void noteCreatedListeners() {
		var beanFactory = this.context.getBeanFactory();
		synchronized (this.startupEvents) {
			for (String name : this.heldListeners) {
				if (!this.eventsBeforeCreation.containsKey(name) && beanFactory.containsSingleton(name)) {
					this.eventsBeforeCreation.put(name, this.startupEvents.size());
				}
			}
		}
	}

	private void replayStartupEvents() {
		List<ApplicationEvent> events;
		synchronized (this.startupEvents) {
			this.capturing = false;
			events = List.copyOf(this.startupEvents);
			this.startupEvents.clear();
		}
		var beanFactory = this.context.getBeanFactory();
		for (String name : this.heldListeners) {
			Integer missed = this.eventsBeforeCreation.get(name);
			if (missed != null && beanFactory.getSingleton(name) instanceof ApplicationListener<?> listener) {
				GenericApplicationListenerAdapter adapter = new GenericApplicationListenerAdapter(listener);
				for (ApplicationEvent event : events.subList(0, missed)) {
					if (adapter.supportsEventType(ResolvableType.forInstance(event))
							&& adapter.supportsSourceType(event.getSource().getClass())) {
						deliver(name, adapter, event);
					}
				}
			}
		}
	}

	private void deliver(String name, GenericApplicationListenerAdapter listener, ApplicationEvent event) {
		try {
			listener.onApplicationEvent(event);
		}
		catch (RuntimeException ex) {
			logger.error("Deferred listener '" + name + "' failed on " + event.getClass().getSimpleName(), ex);
		}
	}

}
