package dev.lambdaextension.test.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP side of the control plane, served by the JDK HTTP server on {@code 127.0.0.1}: reads each call,
 * answers an injected fault or routes it to the {@link ControlPlane} (or the {@link EmulatedRuntime}), records the call before the answer
 * leaves, and tells the {@link EnvironmentFreeze} when an event has been written to a {@code next} connection.
 */
final class ControlPlaneServer implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(ControlPlaneServer.class.getName());

	private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

	private final EmulatorState state;

	private final ControlPlane controlPlane;

	private final EmulatedRuntime runtime;

	private final EnvironmentFreeze freeze;

	private final ExecutorService executor;

	private final HttpServer server;

	ControlPlaneServer(int port, EmulatorState state, ControlPlane controlPlane, EmulatedRuntime runtime,
			EnvironmentFreeze freeze) {
		this.state = state;
		this.controlPlane = controlPlane;
		this.runtime = runtime;
		this.freeze = freeze;
		AtomicInteger counter = new AtomicInteger();
		this.executor = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, "lambda-emulator-http-" + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		// The JDK HTTP server writes a response's headers and body separately; without TCP_NODELAY,
		// Nagle's algorithm and the client's delayed ACK hold every answered next for about 40 ms.
		// The JDK reads this property once, when its first server is created, and offers no per-server option.
		if (System.getProperty(NO_DELAY_PROPERTY) == null) {
			System.setProperty(NO_DELAY_PROPERTY, "true");
		}
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64);
		}
		catch (IOException ex) {
			this.executor.shutdownNow();
			throw new UncheckedIOException("Could not bind the Lambda emulator to 127.0.0.1:" + port, ex);
		}
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
		logger.log(System.Logger.Level.DEBUG, "Lambda emulator listening on 127.0.0.1:{0}", String.valueOf(port()));
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) {
		long receivedNanos = System.nanoTime();
		Instant receivedAt = Instant.now();
		try {
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath();
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			exchange.getRequestHeaders().forEach(headers::put);
			if (takeDrop(path)) {
				record(new RecordedCall(method, path, headers, body, 0, "", receivedAt, receivedNanos));
				return;
			}
			EmulatorResponse response;
			EmulatorResponse fault = takeFault(path);
			if (fault != null) {
				response = fault;
			}
			else {
				try {
					response = route(method, path, headers, body, receivedNanos, receivedAt);
				}
				catch (DroppedConnection ex) {
					record(new RecordedCall(method, path, headers, body, 0, "", receivedAt, receivedNanos));
					return;
				}
				catch (ApiException ex) {
					response = ex.response();
				}
				catch (RuntimeException ex) {
					logger.log(System.Logger.Level.WARNING, "Emulator failed to handle " + method + " " + path, ex);
					response = EmulatorResponse.error(500, "InternalServerError", "Internal Server Error");
				}
			}
			// Recorded before the answer leaves, so a caller that has its answer always finds the call.
			ExtensionRecord.@Nullable HandOut handOut;
			synchronized (this.state.monitor) {
				this.state.calls.add(new RecordedCall(method, path, headers, body, response.status(), response.body(),
						receivedAt, receivedNanos));
				// Taken before the answer leaves: once it has, the extension may call next again and be handed the
				// following event, which must not be mistaken for this one.
				handOut = (fault == null && LambdaEmulator.NEXT_PATH.equals(path) && response.status() == 200)
						? takeHandOut(ControlPlane.header(headers, "Lambda-Extension-Identifier")) : null;
				this.state.monitor.notifyAll();
			}
			send(exchange, response);
			if (handOut != null) {
				recordHandOut(handOut);
			}
		}
		catch (IOException ex) {
			logger.log(System.Logger.Level.DEBUG, "Emulator could not answer a request", ex);
		}
		finally {
			exchange.close();
		}
	}

	private void record(RecordedCall call) {
		synchronized (this.state.monitor) {
			this.state.calls.add(call);
			this.state.monitor.notifyAll();
		}
	}

	private ExtensionRecord.@Nullable HandOut takeHandOut(@Nullable String extensionId) {
		ExtensionRecord extension = (extensionId != null) ? this.state.extensions.get(extensionId) : null;
		if (extension == null) {
			return null;
		}
		ExtensionRecord.@Nullable HandOut handOut = extension.handingOut;
		extension.handingOut = null;
		return handOut;
	}

	private void recordHandOut(ExtensionRecord.HandOut handOut) {
		long nanos = System.nanoTime();
		synchronized (this.state.monitor) {
			this.state.handedOut.add(new HandedOutEvent(handOut.extensionName(), handOut.event().type(),
					handOut.sentBody(), nanos));
			this.state.monitor.notifyAll();
		}
		this.freeze.handedOut(handOut.extensionId(), handOut.event());
	}

	private static void send(HttpExchange exchange, EmulatorResponse response) throws IOException {
		response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(response.status(), (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	private boolean takeDrop(String path) {
		synchronized (this.state.monitor) {
			return this.state.faults.takeDrop(path);
		}
	}

	private @Nullable EmulatorResponse takeFault(String path) {
		synchronized (this.state.monitor) {
			return this.state.faults.takeAnswer(path);
		}
	}

	private EmulatorResponse route(String method, String path, Map<String, List<String>> headers, String body,
			long nanos, Instant at) {
		switch (path) {
			case LambdaEmulator.REGISTER_PATH:
				ControlPlane.requireMethod("POST", method);
				return this.controlPlane.register(headers, body, nanos, at);
			case LambdaEmulator.NEXT_PATH:
				ControlPlane.requireMethod("GET", method);
				return this.controlPlane.next(headers, nanos, at);
			case LambdaEmulator.INIT_ERROR_PATH:
				ControlPlane.requireMethod("POST", method);
				return this.controlPlane.reportError(headers, body, true);
			case LambdaEmulator.EXIT_ERROR_PATH:
				ControlPlane.requireMethod("POST", method);
				return this.controlPlane.reportError(headers, body, false);
			case LambdaEmulator.TELEMETRY_PATH:
				ControlPlane.requireMethod("PUT", method);
				return this.controlPlane.subscribeTelemetry(headers, body, nanos);
			case LambdaEmulator.LOGS_PATH:
				ControlPlane.requireMethod("PUT", method);
				return this.controlPlane.subscribeLogs(headers, body, nanos);
			default:
				if (path.startsWith(EmulatedRuntime.PATH_PREFIX)) {
					return this.runtime.handle(method, path, headers, body);
				}
				return EmulatorResponse.error(404, "NotFound", "No route for " + method + " " + path);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
