package io.github.servermanager.sample.backend;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * One tiny HTTP server on loopback that answers every request with its own name, so the
 * caller can tell which backend served it.
 * <p>
 * The first start binds a free port; later starts bind that same port again, so a
 * restarted backend is the same discovery instance as before (the sample registers each
 * port once, at start-up).
 */
public final class LocalBackend {

	private final String name;

	private final AtomicLong requestsServed = new AtomicLong();

	private int port;

	private @Nullable HttpServer server;

	LocalBackend(String name) {
		this.name = name;
	}

	public String name() {
		return this.name;
	}

	/**
	 * The port this backend listens on; 0 before its first start.
	 * @return the port
	 */
	public synchronized int port() {
		return this.port;
	}

	public synchronized boolean isRunning() {
		return this.server != null;
	}

	public long requestsServed() {
		return this.requestsServed.get();
	}

	/**
	 * Starts listening, on a free port the first time and on the same port afterwards.
	 * Starting a running backend does nothing.
	 */
	public synchronized void start() {
		if (this.server != null) {
			return;
		}
		try {
			HttpServer started = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port),
					0);
			started.createContext("/", this::answer);
			started.start();
			this.port = started.getAddress().getPort();
			this.server = started;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Backend " + this.name + " cannot listen on 127.0.0.1:" + this.port
					+ " (is another process using that port?)", ex);
		}
	}

	/**
	 * Stops listening and closes every open connection, as a crashed server would.
	 * Stopping a stopped backend does nothing.
	 */
	public synchronized void stop() {
		if (this.server != null) {
			this.server.stop(0);
			this.server = null;
		}
	}

	private void answer(HttpExchange exchange) throws IOException {
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			byte[] body = this.name.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/plain;charset=UTF-8");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
			this.requestsServed.incrementAndGet();
		}
	}

	@Override
	public String toString() {
		return this.name + "@127.0.0.1:" + port() + (isRunning() ? "" : " (stopped)");
	}

}
