package dev.lambdaextension.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.lambdaextension.client.ExtensionsApiClient;
import dev.lambdaextension.client.ExtensionsApiException;
import dev.lambdaextension.client.InvokeEvent;
import dev.lambdaextension.client.NextEvent;
import dev.lambdaextension.client.RegisterResponse;
import dev.lambdaextension.client.ShutdownEvent;
import dev.lambdaextension.client.UnrecognizedEvent;
import dev.lambdaextension.concurrent.ExtensionThreads;
import dev.lambdaextension.telemetry.PlatformRuntimeDone;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Drives the extension through its lifecycle. On {@link #start()} it waits for the
 * {@link ExtensionRegistration}, publishes {@link ExtensionRegisteredEvent} and lets every
 * {@link ExtensionLifecycleParticipant} initialise, then long-polls {@code event/next} on
 * an owned thread, {@code lambda-ext-events}. For each {@code INVOKE} it publishes
 * {@link ExtensionInvokeEvent}, calls the participants, waits at the
 * {@link InvocationBarrier} and publishes {@link ExtensionInvocationCompletedEvent}, and
 * only then asks for the next event, so the environment is not frozen while listeners
 * work. On {@code SHUTDOWN} it publishes {@link ExtensionShutdownEvent}, lets the
 * participants finish and the {@link TelemetryDrain} deliver the telemetry Lambda still
 * sends, publishes {@link ExtensionShutdownCompletedEvent} and hands over to the
 * {@link ExtensionTerminator}, which closes the context from another thread and exits
 * with status 0, or 1 when accepted telemetry was lost, all by the shutdown margin before
 * the deadline. An unrecognised event is published as {@link ExtensionUnrecognizedEvent}.
 * Transient {@code event/next} failures are retried with backoff; a fatal one is reported
 * through {@code exit/error} and ends the process with status 1.
 * <p>
 * An external extension initialises on the caller's thread and polls on a non-daemon one.
 * An {@link ExtensionRegistration#isInternal() internal} one, in the function's JVM, does
 * both on a daemon thread and lets no failure escape: a refused registration ends it, a
 * failed initialisation leaves it answering events (Lambda waits for it).
 *
 * @since 0.1.0
 */
public class ExtensionEventLoop implements SmartLifecycle {

	/**
	 * Phase of the loop: it starts after every other lifecycle bean, the telemetry
	 * receiver included, and stops first.
	 */
	public static final int PHASE = Integer.MAX_VALUE - 1024;

	private static final Log logger = LogFactory.getLog(ExtensionEventLoop.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(1);

	private static final Duration FAILURE_EXIT_BUDGET = Duration.ofSeconds(2);

	/**
	 * Default time before the {@code SHUTDOWN} deadline by which receiving and delivering
	 * telemetry ends; the process is halted at the latest half of it before the deadline.
	 */
	public static final Duration DEFAULT_SHUTDOWN_MARGIN = Duration.ofMillis(500);

	private final ExtensionsApiClient client;

	private final ExtensionRegistration registration;

	private final List<ExtensionLifecycleParticipant> participants;

	private final ApplicationEventPublisher publisher;

	private final RetryBackoff retry;

	private final ExtensionTerminator terminator;

	private final ReentrantLock lifecycleLock = new ReentrantLock();

	private volatile ExtensionState state = ExtensionState.NEW;

	private volatile @Nullable Thread thread;

	private volatile @Nullable RegisterResponse registered;

	private volatile boolean polling;

	private volatile ExtensionObserver observer = ExtensionObserver.NONE;

	private volatile InvocationBarrier barrier = InvocationBarrier.NONE;

	private volatile TelemetryDrain drain = TelemetryDrain.NONE;

	private volatile Duration shutdownMargin = DEFAULT_SHUTDOWN_MARGIN;

	private final UnrecognizedEventLog unrecognizedLog = new UnrecognizedEventLog();

	/**
	 * Create a loop.
	 * @param client the Extensions API client
	 * @param registration the registration, possibly already under way
	 * @param participants the participants, in order
	 * @param publisher publishes the lifecycle events
	 * @param retry the backoff for transient {@code event/next} failures
	 * @param terminator ends the process
	 */
	public ExtensionEventLoop(ExtensionsApiClient client, ExtensionRegistration registration,
			List<ExtensionLifecycleParticipant> participants, ApplicationEventPublisher publisher, RetryBackoff retry,
			ExtensionTerminator terminator) {
		this.client = client;
		this.registration = registration;
		this.participants = List.copyOf(participants);
		this.publisher = publisher;
		this.retry = retry;
		this.terminator = terminator;
	}

	/**
	 * Set the observer told about registration, every event and failures. Set it before
	 * {@link #start()}; use {@link ExtensionObserver#composite(List)} to isolate the
	 * loop from observers that throw.
	 * @param observer the observer
	 */
	public void setObserver(ExtensionObserver observer) {
		this.observer = Objects.requireNonNull(observer, "'observer' must not be null");
	}

	/**
	 * Set the barrier that holds the loop after each {@code INVOKE}. Set it before
	 * {@link #start()}.
	 * @param barrier the barrier
	 */
	public void setInvocationBarrier(InvocationBarrier barrier) {
		this.barrier = Objects.requireNonNull(barrier, "'barrier' must not be null");
	}

	/**
	 * Set what delivers the telemetry that arrives after {@code SHUTDOWN}. Set it before
	 * {@link #start()}.
	 * @param drain the drain
	 */
	public void setTelemetryDrain(TelemetryDrain drain) {
		this.drain = Objects.requireNonNull(drain, "'drain' must not be null");
	}

	/**
	 * Set how long before the {@code SHUTDOWN} deadline receiving and delivering telemetry
	 * must have ended; the process is halted at the latest half of it before the deadline.
	 * @param shutdownMargin the margin, between 0 and 1 second
	 */
	public void setShutdownMargin(Duration shutdownMargin) {
		Assert.isTrue(!shutdownMargin.isNegative() && shutdownMargin.compareTo(Duration.ofSeconds(1)) <= 0,
				"'shutdownMargin' must be between 0 and 1s");
		this.shutdownMargin = shutdownMargin;
	}

	@Override
	public final void start() {
		this.lifecycleLock.lock();
		try {
			if (this.state != ExtensionState.NEW) {
				return;
			}
			RegisterResponse response = this.registration.awaitOrGiveUp();
			if (response == null) {
				this.state = ExtensionState.FAILED;
				return;
			}
			this.registered = response;
			this.state = ExtensionState.REGISTERED;
			this.observer.registered(response);
			logger.info("Registered extension " + response.extensionId() + " for function "
					+ response.functionName() + " (" + response.functionVersion() + ")");
			boolean internal = this.registration.isInternal();
			if (!internal) {
				initialise(response);
			}
			this.polling = true;
			Thread loop = internal ? ExtensionThreads.daemon("lambda-ext-events", () -> {
				initialise(response);
				run(response.extensionId());
			}) : ExtensionThreads.keepingJvmAlive("lambda-ext-events", () -> run(response.extensionId()));
			this.thread = loop;
			loop.start();
		}
		finally {
			this.lifecycleLock.unlock();
		}
	}

	@Override
	public final void stop() {
		this.lifecycleLock.lock();
		try {
			this.polling = false;
			Thread loop = this.thread;
			if (loop != null && loop != Thread.currentThread()) {
				this.client.abortCalls();
				loop.interrupt();
				try {
					loop.join(STOP_TIMEOUT.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			if (this.state == ExtensionState.RUNNING || this.state == ExtensionState.REGISTERED
					|| this.state == ExtensionState.SHUTTING_DOWN) {
				this.state = ExtensionState.STOPPED;
			}
		}
		finally {
			this.lifecycleLock.unlock();
		}
	}

	@Override
	public boolean isRunning() {
		Thread loop = this.thread;
		return loop != null && loop.isAlive();
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Return the current state.
	 * @return the state
	 */
	public ExtensionState getState() {
		return this.state;
	}

	/**
	 * Return the registration, once registered.
	 * @return the registration or {@code null}
	 */
	public @Nullable RegisterResponse getRegistration() {
		return this.registered;
	}

	private void initialise(RegisterResponse response) {
		try {
			this.publisher.publishEvent(new ExtensionRegisteredEvent(this, response));
			this.participants.forEach((participant) -> participant.registered(response));
		}
		catch (RuntimeException ex) {
			this.state = ExtensionState.FAILED;
			this.observer.failed(ex);
			this.registration.reportInitError(ex);
			if (!this.registration.isInternal()) {
				throw ex;
			}
			logger.error("Internal Lambda extension could not initialise; it only answers events: " + ex, ex);
		}
	}

	private void run(String extensionId) {
		this.state = ExtensionState.RUNNING;
		this.observer.firstNext();
		try {
			while (this.polling) {
				long waitStarted = System.nanoTime();
				NextEvent event = nextWithRetry(extensionId);
				long received = System.nanoTime();
				this.observer.eventReceived(event, Duration.ofNanos(received - waitStarted));
				if (event instanceof InvokeEvent invoke) {
					handleInvoke(invoke);
					this.observer.invokeHandled(invoke, Duration.ofNanos(System.nanoTime() - received));
				}
				else if (event instanceof ShutdownEvent shutdown) {
					handleShutdown(shutdown);
					return;
				}
				else if (event instanceof UnrecognizedEvent unrecognized) {
					handleUnrecognized(unrecognized);
				}
			}
		}
		catch (InterruptedException | RuntimeException ex) {
			if (this.polling) {
				fail(ex);
			}
		}
	}

	private NextEvent nextWithRetry(String extensionId) throws InterruptedException {
		for (int attempt = 1;; attempt++) {
			try {
				return this.client.next(extensionId);
			}
			catch (ExtensionsApiException ex) {
				if (!this.polling) {
					throw new InterruptedException("stopped");
				}
				if (!ex.isTransient() || attempt >= this.retry.maxAttempts()) {
					throw ex;
				}
				Duration delay = this.retry.delayAfter(attempt);
				logger.warn("event/next failed (attempt " + attempt + " of " + this.retry.maxAttempts()
						+ "), retrying in " + delay.toMillis() + " ms: " + ex.getMessage());
				TimeUnit.MILLISECONDS.sleep(delay.toMillis());
			}
		}
	}

	private void handleInvoke(InvokeEvent invoke) {
		publish(new ExtensionInvokeEvent(this, invoke), "INVOKE listener failed for request " + invoke.requestId());
		for (ExtensionLifecycleParticipant participant : this.participants) {
			try {
				participant.invoked(invoke);
			}
			catch (RuntimeException ex) {
				logger.error("Lifecycle participant failed after INVOKE " + invoke.requestId(), ex);
			}
		}
		PlatformRuntimeDone runtimeDone = null;
		try {
			runtimeDone = this.barrier.await(invoke);
		}
		catch (RuntimeException ex) {
			logger.error("Invocation barrier failed for request " + invoke.requestId(), ex);
		}
		publish(new ExtensionInvocationCompletedEvent(this, invoke, runtimeDone),
				"Invocation-completed listener failed for request " + invoke.requestId());
	}

	private void handleUnrecognized(UnrecognizedEvent event) {
		this.unrecognizedLog.log(event);
		publish(new ExtensionUnrecognizedEvent(this, event), "Listener of an unrecognized event failed");
	}

	private void handleShutdown(ShutdownEvent shutdown) {
		this.state = ExtensionState.SHUTTING_DOWN;
		logger.info("SHUTDOWN (" + shutdown.reason().name().toLowerCase() + "), deadline in "
				+ Duration.between(Instant.now(), shutdown.deadline()).toMillis() + " ms");
		publish(new ExtensionShutdownEvent(this, shutdown.reason(), shutdown.deadline()), "SHUTDOWN listener failed");
		for (ExtensionLifecycleParticipant participant : this.participants) {
			try {
				participant.shuttingDown(shutdown);
			}
			catch (RuntimeException ex) {
				logger.error("Lifecycle participant failed during SHUTDOWN", ex);
			}
		}
		Instant until = shutdown.deadline().minus(this.shutdownMargin);
		TelemetryDrain.Outcome outcome = new TelemetryDrain.Outcome(0, 0);
		try {
			outcome = this.drain.drain(shutdown, until);
		}
		catch (RuntimeException ex) {
			logger.error("Telemetry drain failed during SHUTDOWN", ex);
		}
		publish(new ExtensionShutdownCompletedEvent(this, shutdown.reason(), shutdown.deadline(), outcome.delivered(),
				outcome.lost()), "SHUTDOWN-completed listener failed");
		int status = 0;
		if (outcome.lost() > 0) {
			status = 1;
			logger.error("Exiting with status 1: " + outcome.lost()
					+ " telemetry event(s) accepted from Lambda were never delivered to the listeners");
		}
		this.polling = false;
		this.state = ExtensionState.STOPPED;
		this.terminator.terminate(status, shutdown.deadline().minus(this.shutdownMargin.dividedBy(2)));
	}

	private void publish(LambdaExtensionEvent event, String failure) {
		try {
			this.publisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			logger.error(failure, ex);
		}
	}

	private void fail(Exception ex) {
		this.state = ExtensionState.FAILED;
		this.polling = false;
		this.observer.failed(ex);
		logger.error("Extension event loop failed: " + ex.getMessage(), ex);
		this.registration.reportExitError(ex);
		this.terminator.terminate(1, Instant.now().plus(FAILURE_EXIT_BUDGET));
	}

}
