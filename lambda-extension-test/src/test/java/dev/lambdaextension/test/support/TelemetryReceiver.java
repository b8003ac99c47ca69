package dev.lambdaextension.test.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A telemetry listener on 127.0.0.1 that queues every posted body.
 */
public final class TelemetryReceiver implements AutoCloseable {

	private final HttpServer server;

	private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

	private final AtomicInteger status = new AtomicInteger(200);

	public TelemetryReceiver() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			int answer = this.status.get();
			this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					exchange.getRequestHeaders().getFirst("Content-Type"), body, System.nanoTime()));
			exchange.sendResponseHeaders(answer, -1);
			exchange.close();
		});
		this.server.start();
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	public String sandboxUri() {
		return "http://sandbox.localdomain:" + port() + "/telemetry";
	}

	public void answer(int status) {
		this.status.set(status);
	}

	public Received poll(Duration timeout) throws InterruptedException {
		Received next = this.received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
		if (next == null) {
			throw new AssertionError("No telemetry batch received within " + timeout);
		}
		return next;
	}

	public Received pollNow() {
		return this.received.poll();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	public record Received(String method, String path, String contentType, String body, long nanos) {
	}

}
