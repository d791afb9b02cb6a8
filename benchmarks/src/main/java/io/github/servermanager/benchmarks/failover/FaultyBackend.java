package io.github.servermanager.benchmarks.failover;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on a random loopback port that answers every path (the client's
 * requests and the health checks alike) with its name, and can be made to fail the ways
 * servers fail: stop, hang, or answer 503.
 */
public final class FaultyBackend implements AutoCloseable {

	private static final AtomicInteger threads = new AtomicInteger();

	private final String name;

	private final HttpServer server;

	private final ExecutorService executor;

	/** Released when the server stops, so hung exchanges do not outlive it. */
	private final CountDownLatch stopped = new CountDownLatch(1);

	private volatile Behaviour behaviour = Behaviour.ANSWER;

	private final AtomicInteger requests = new AtomicInteger();

	static {
		// Without it the JDK server's separate header and body writes meet the client's
		// delayed ACK, and an answer can take 40 ms for reasons that have nothing to do
		// with the balancer.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	private FaultyBackend(String name) throws IOException {
		this.name = name;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		// A hung exchange holds its thread, so never make the others wait for it.
		this.executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, name + "-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
	}

	/**
	 * Starts a server that answers 200.
	 * @param name what it answers with
	 * @return the running server
	 * @throws IOException when no port is free
	 */
	public static FaultyBackend start(String name) throws IOException {
		FaultyBackend backend = new FaultyBackend(name);
		backend.server.start();
		return backend;
	}

	public String name() {
		return this.name;
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	public String uri() {
		return "http://127.0.0.1:" + port();
	}

	/**
	 * Returns how many requests reached this server.
	 * @return the count
	 */
	public int requests() {
		return this.requests.get();
	}

	/** From now on, accept connections and read requests, but never answer. */
	public void hang() {
		this.behaviour = Behaviour.HANG;
	}

	/** From now on, answer every request with 503 Service Unavailable. */
	public void answer503() {
		this.behaviour = Behaviour.UNAVAILABLE;
	}

	/** Closes the listening socket and every connection: new connections are refused. */
	public void stop() {
		this.stopped.countDown();
		this.server.stop(0);
	}

	@Override
	public void close() {
		stop();
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			switch (this.behaviour) {
				case HANG -> awaitStop();
				case UNAVAILABLE -> exchange.sendResponseHeaders(503, -1);
				default -> {
					byte[] body = this.name.getBytes(StandardCharsets.UTF_8);
					exchange.sendResponseHeaders(200, body.length);
					try (OutputStream out = exchange.getResponseBody()) {
						out.write(body);
					}
				}
			}
		}
	}

	private void awaitStop() {
		try {
			this.stopped.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private enum Behaviour {

		ANSWER, HANG, UNAVAILABLE

	}

}
