package io.github.servermanager.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on a random loopback port: {@code /whoami} answers with the server's
 * name and a status that tests can change, {@code /actuator/health} answers 200 while the
 * server is healthy and 503 once it is not.
 */
public final class Backend implements AutoCloseable {

	private final String name;

	private final HttpServer server;

	private final int port;

	private volatile int status = 200;

	private volatile boolean healthy = true;

	private volatile boolean running;

	private volatile boolean hanging;

	private volatile boolean healthHanging;

	/** Requests held unanswered while hanging, answered by nobody and closed on stop. */
	private final Queue<HttpExchange> held = new ConcurrentLinkedQueue<>();

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicInteger pings = new AtomicInteger();

	private Backend(String name, int port) throws IOException {
		this.name = name;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		this.server.createContext("/whoami", this::whoami);
		this.server.createContext("/actuator/health", this::health);
		this.port = this.server.getAddress().getPort();
	}

	/**
	 * Starts a server.
	 * @param name what {@code /whoami} answers
	 * @return the running server
	 * @throws IOException when no port is free
	 */
	public static Backend start(String name) throws IOException {
		return start(name, 0);
	}

	/**
	 * Starts a server on a given port, for example to bring back one that was stopped.
	 * @param name what {@code /whoami} answers
	 * @param port the port, or 0 for a random one
	 * @return the running server
	 * @throws IOException when the port is taken
	 */
	public static Backend start(String name, int port) throws IOException {
		Backend backend = new Backend(name, port);
		backend.server.start();
		backend.running = true;
		return backend;
	}

	public String name() {
		return this.name;
	}

	/**
	 * Returns the port, also once stopped, so that a test can start the server again.
	 * @return the port the server listens or listened on
	 */
	public int port() {
		return this.port;
	}

	public String uri() {
		return "http://127.0.0.1:" + port();
	}

	/**
	 * Makes {@code /whoami} answer with a status.
	 * @param status the status
	 */
	public void answerWith(int status) {
		this.status = status;
	}

	/**
	 * Makes {@code /whoami} hang: from now on requests are accepted and never answered,
	 * as by a server that is stuck, until the server stops or {@code hang(false)}.
	 * @param hanging whether to hold requests unanswered
	 */
	public void hang(boolean hanging) {
		this.hanging = hanging;
		if (!hanging) {
			closeHeld();
		}
	}

	/**
	 * Makes {@code /actuator/health} hang: health checks are accepted and never answered
	 * until the server stops or {@code hangHealthChecks(false)}, while {@code /whoami}
	 * goes on answering.
	 * @param hanging whether to hold health checks unanswered
	 */
	public void hangHealthChecks(boolean hanging) {
		this.healthHanging = hanging;
		if (!hanging) {
			closeHeld();
		}
	}

	/**
	 * Makes the health check fail or pass.
	 * @param healthy whether {@code /actuator/health} answers 200
	 */
	public void healthy(boolean healthy) {
		this.healthy = healthy;
	}

	public boolean isRunning() {
		return this.running;
	}

	public int requests() {
		return this.requests.get();
	}

	public int pings() {
		return this.pings.get();
	}

	/**
	 * Stops the server: its port refuses connections from now on.
	 */
	public void stop() {
		if (this.running) {
			this.running = false;
			closeHeld();
			this.server.stop(0);
		}
	}

	@Override
	public void close() {
		stop();
	}

	private void whoami(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		if (this.hanging) {
			// Returning without an answer leaves the connection open and the client
			// waiting.
			this.held.add(exchange);
			return;
		}
		respond(exchange, this.status, this.name);
	}

	private void closeHeld() {
		for (HttpExchange exchange = this.held.poll(); exchange != null; exchange = this.held.poll()) {
			exchange.close();
		}
	}

	private void health(HttpExchange exchange) throws IOException {
		this.pings.incrementAndGet();
		if (this.healthHanging) {
			this.held.add(exchange);
			return;
		}
		boolean up = this.healthy;
		respond(exchange, up ? 200 : 503, up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public String toString() {
		return this.name + "@" + port();
	}

}
