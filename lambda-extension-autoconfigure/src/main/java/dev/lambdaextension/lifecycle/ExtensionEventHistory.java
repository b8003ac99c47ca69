package dev.lambdaextension.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.lambdaextension.client.InvokeEvent;
import dev.lambdaextension.client.NextEvent;
import dev.lambdaextension.client.RegisterResponse;
import dev.lambdaextension.client.ShutdownEvent;
import dev.lambdaextension.client.TelemetrySubscription;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Remembers the most recent lifecycle events of the extension (registration,
 * subscription, {@code INVOKE}, {@code SHUTDOWN}, failure) in a small bounded ring, for
 * health and diagnostics. Entries carry request ids and reasons, never payloads.
 *
 * @since 0.1.0
 */
public class ExtensionEventHistory implements ExtensionObserver {

	/**
	 * Default number of entries kept.
	 */
	public static final int DEFAULT_CAPACITY = 32;

	private final int capacity;

	private final Clock clock;

	private final ArrayDeque<Entry> entries;

	private @Nullable Instant lastEventTime;

	/**
	 * Create a history of {@link #DEFAULT_CAPACITY} entries.
	 */
	public ExtensionEventHistory() {
		this(DEFAULT_CAPACITY, Clock.systemUTC());
	}

	/**
	 * Create a history.
	 * @param capacity the number of entries kept
	 * @param clock the clock that dates the entries
	 */
	public ExtensionEventHistory(int capacity, Clock clock) {
		Assert.isTrue(capacity > 0, "'capacity' must be greater than 0");
		Assert.notNull(clock, "'clock' must not be null");
		this.capacity = capacity;
		this.clock = clock;
		this.entries = new ArrayDeque<>(capacity);
	}

	@Override
	public void registered(RegisterResponse registration) {
		add(EntryType.REGISTERED, registration.extensionId());
	}

	@Override
	public void subscribed(TelemetrySubscription subscription) {
		add(EntryType.SUBSCRIBED, String.join(",", subscription.types()));
	}

	@Override
	public void eventReceived(NextEvent event, Duration waited) {
		if (event instanceof InvokeEvent invoke) {
			add(EntryType.INVOKE, invoke.requestId());
		}
		else if (event instanceof ShutdownEvent shutdown) {
			add(EntryType.SHUTDOWN, shutdown.reason().name().toLowerCase(Locale.ROOT));
		}
	}

	@Override
	public void failed(Throwable failure) {
		add(EntryType.FAILED, failure.getClass().getName());
	}

	/**
	 * Return the recent entries, oldest first.
	 * @return a copy of the entries
	 */
	public synchronized List<Entry> entries() {
		return new ArrayList<>(this.entries);
	}

	/**
	 * Return when the last lifecycle event was received or the last state change
	 * happened.
	 * @return the time, or {@code null} if nothing happened yet
	 */
	public synchronized @Nullable Instant getLastEventTime() {
		return this.lastEventTime;
	}

	private synchronized void add(EntryType type, @Nullable String detail) {
		Instant now = this.clock.instant();
		if (this.entries.size() == this.capacity) {
			this.entries.removeFirst();
		}
		this.entries.addLast(new Entry(now, type, detail));
		this.lastEventTime = now;
	}

	/**
	 * Kinds of {@link Entry}.
	 */
	public enum EntryType {

		/**
		 * Registered with the Extensions API; the detail is the extension id.
		 */
		REGISTERED,

		/**
		 * Subscribed to the Telemetry API; the detail lists the streams.
		 */
		SUBSCRIBED,

		/**
		 * Received an {@code INVOKE}; the detail is the request id.
		 */
		INVOKE,

		/**
		 * Received {@code SHUTDOWN}; the detail is the reason.
		 */
		SHUTDOWN,

		/**
		 * The loop failed; the detail is the exception's class.
		 */
		FAILED

	}

	/**
	 * One remembered event.
	 *
	 * @param time when it happened
	 * @param type what happened
	 * @param detail the request id, reason, streams or exception class, if any
	 */
	public record Entry(Instant time, EntryType type, @Nullable String detail) {

	}

}
