package dev.lambdaextension.test.emulator;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Buffers telemetry events for one subscriber and posts them as JSON arrays when {@code maxItems},
 * {@code maxBytes} or {@code timeoutMs} is reached, one batch in flight at a time.
 */
final class TelemetryBatcher {

	static final int MAX_ATTEMPTS = 3;

	private static final System.Logger logger = System.getLogger(TelemetryBatcher.class.getName());

	private final EmulatedTelemetrySubscription subscription;

	private final HttpClient httpClient;

	private final ScheduledExecutorService scheduler;

	private final Consumer<DeliveredBatch> recorder;

	private final ArrayDeque<String> buffer = new ArrayDeque<>();

	private final @Nullable TcpTelemetryConnection tcp;

	private long bufferedBytes;

	private long batchStartNanos;

	private boolean inFlight;

	private int flushRequests;

	private boolean dropReported;

	private boolean held;

	private int releaseRemaining;

	private boolean closed;

	TelemetryBatcher(EmulatedTelemetrySubscription subscription, HttpClient httpClient, ScheduledExecutorService scheduler,
			Consumer<DeliveredBatch> recorder) {
		this.subscription = subscription;
		this.httpClient = httpClient;
		this.tcp = "tcp".equals(subscription.deliveryUri().getScheme())
				? new TcpTelemetryConnection(subscription.deliveryUri()) : null;
		this.scheduler = scheduler;
		this.recorder = recorder;
	}

	EmulatedTelemetrySubscription subscription() {
		return this.subscription;
	}

	synchronized void add(String eventJson) {
		if (this.closed) {
			return;
		}
		this.buffer.add(eventJson);
		this.bufferedBytes += eventJson.getBytes(StandardCharsets.UTF_8).length;
		if (this.buffer.size() == 1) {
			startBatchTimer();
		}
		maybeSend();
	}

	boolean flush(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this) {
			this.flushRequests++;
			try {
				maybeSend();
				while ((this.inFlight || (!this.buffer.isEmpty() && !this.held)) && !this.closed) {
					long remaining = deadline - System.nanoTime();
					if (remaining <= 0) {
						return false;
					}
					TimeUnit.NANOSECONDS.timedWait(this, remaining);
				}
				return true;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			finally {
				this.flushRequests--;
			}
		}
	}

	/**
	 * Stop starting deliveries: the environment is frozen. Events keep being buffered.
	 */
	synchronized void hold() {
		this.held = true;
	}

	/**
	 * Resume deliveries after a freeze.
	 * @param immediately whether what is buffered now is sent at once; otherwise a new batch window starts
	 */
	synchronized void release(boolean immediately) {
		if (!this.held) {
			return;
		}
		this.held = false;
		if (!this.buffer.isEmpty()) {
			if (immediately) {
				this.releaseRemaining = this.buffer.size();
			}
			else {
				startBatchTimer();
			}
		}
		maybeSend();
		notifyAll();
	}

	synchronized void close() {
		this.closed = true;
		if (this.tcp != null) {
			this.tcp.close();
		}
		this.buffer.clear();
		notifyAll();
	}

	private void startBatchTimer() {
		this.batchStartNanos = System.nanoTime();
		int timeoutMs = this.subscription.timeoutMs();
		this.scheduler.schedule(this::onTimer, timeoutMs, TimeUnit.MILLISECONDS);
	}

	private synchronized void onTimer() {
		maybeSend();
	}

	private void maybeSend() {
		if (this.closed || this.held || this.inFlight || this.buffer.isEmpty()) {
			return;
		}
		long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.batchStartNanos);
		boolean due = this.flushRequests > 0 || this.releaseRemaining > 0 || this.buffer.size() >= this.subscription.maxItems()
				|| this.bufferedBytes >= this.subscription.maxBytes() || elapsedMs >= this.subscription.timeoutMs();
		if (!due) {
			return;
		}
		List<String> batch = new ArrayList<>();
		long batchBytes = 0;
		while (!this.buffer.isEmpty() && batch.size() < this.subscription.maxItems()) {
			String next = this.buffer.peek();
			int size = next.getBytes(StandardCharsets.UTF_8).length;
			if (!batch.isEmpty() && batchBytes + size > this.subscription.maxBytes()) {
				break;
			}
			batch.add(this.buffer.poll());
			batchBytes += size;
		}
		this.bufferedBytes -= batchBytes;
		this.releaseRemaining = Math.max(0, this.releaseRemaining - batch.size());
		if (!this.buffer.isEmpty()) {
			startBatchTimer();
		}
		this.inFlight = true;
		String body = "[" + String.join(",", batch) + "]";
		int count = batch.size();
		this.scheduler.execute(() -> attempt(batch, body, count, 1));
	}

	private void attempt(List<String> batch, String body, int count, int attempt) {
		TcpTelemetryConnection connection = this.tcp;
		if (connection != null) {
			IOException failure = connection.write(batch);
			onAttemptComplete(batch, body, count, attempt, (failure != null) ? -1 : 200, failure);
			return;
		}
		HttpRequest request = HttpRequest.newBuilder(this.subscription.deliveryUri())
			.timeout(Duration.ofSeconds(5))
			.header("Content-Type", "application/json")
			.method(this.subscription.deliveryMethod(), HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
		logger.log(System.Logger.Level.DEBUG, () -> "Posting " + count + " telemetry events to "
				+ this.subscription.extensionName() + ": " + body);
		this.httpClient.sendAsync(request, HttpResponse.BodyHandlers.discarding())
			.whenComplete((response, failure) -> onAttemptComplete(batch, body, count, attempt,
					(response != null) ? response.statusCode() : -1, failure));
	}

	private void onAttemptComplete(List<String> batch, String body, int count, int attempt, int status,
			@Nullable Throwable failure) {
		int bytes = body.getBytes(StandardCharsets.UTF_8).length;
		this.recorder.accept(new DeliveredBatch(this.subscription.extensionName(), attempt, status, count, bytes, body,
				Instant.now()));
		if (status >= 200 && status < 400) {
			batchDone(null, 0, 0);
			return;
		}
		synchronized (this) {
			if (this.closed) {
				this.inFlight = false;
				notifyAll();
				return;
			}
		}
		if (attempt < MAX_ATTEMPTS) {
			long backoffMs = 20L << (attempt - 1);
			this.scheduler.schedule(() -> attempt(batch, body, count, attempt + 1), backoffMs, TimeUnit.MILLISECONDS);
			return;
		}
		String reason = (failure != null) ? "could not send events: " + failure.getClass().getSimpleName()
				: "could not send events: listener answered " + status;
		logger.log(System.Logger.Level.INFO, "Dropped a telemetry batch of {0} events for {1} ({2})", count,
				this.subscription.extensionName(), reason);
		batchDone(reason, count, bytes);
	}

	private synchronized void batchDone(@Nullable String dropReason, int droppedRecords, int droppedBytes) {
		this.inFlight = false;
		if (dropReason == null) {
			this.dropReported = false;
		}
		else if (!this.dropReported && !this.closed) {
			this.dropReported = true;
			String event = Json.write(EmulatedTelemetryEvent.platform("platform.logsDropped",
					Json.object("droppedBytes", droppedBytes, "droppedRecords", droppedRecords, "reason", dropReason))
				.render(this.subscription));
			this.buffer.add(event);
			this.bufferedBytes += event.getBytes(StandardCharsets.UTF_8).length;
			if (this.buffer.size() == 1) {
				startBatchTimer();
			}
		}
		notifyAll();
		maybeSend();
	}

}
