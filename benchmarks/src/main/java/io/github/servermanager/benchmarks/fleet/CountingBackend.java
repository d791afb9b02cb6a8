package io.github.servermanager.benchmarks.fleet;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A Reactor Netty server on a random loopback port that, like Netty servers and Envoy by
 * default, never closes an idle keep-alive connection, and counts the connections it
 * accepted and those still open.
 */
public final class CountingBackend implements AutoCloseable {

	private final String name;

	private final AtomicInteger accepted = new AtomicInteger();

	private final AtomicInteger open = new AtomicInteger();

	private final DisposableServer server;

	/**
	 * Starts a server.
	 * @param name what {@code /whoami} answers
	 */
	public CountingBackend(String name) {
		this.name = name;
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.doOnChannelInit((observer, channel, remoteAddress) -> {
				this.accepted.incrementAndGet();
				this.open.incrementAndGet();
				channel.closeFuture().addListener((future) -> this.open.decrementAndGet());
			})
			.route((routes) -> routes.get("/whoami", (request, response) -> response.sendString(Mono.just(name)))
				.get("/actuator/health", (request, response) -> response.sendString(Mono.just("{\"status\":\"UP\"}"))))
			.bindNow(Duration.ofSeconds(10));
	}

	public String name() {
		return this.name;
	}

	public String uri() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/**
	 * Returns how many connections clients hold open to this server now.
	 * @return the count
	 */
	public int openConnections() {
		return this.open.get();
	}

	/**
	 * Returns how many connections this server accepted since it started.
	 * @return the count
	 */
	public int acceptedConnections() {
		return this.accepted.get();
	}

	@Override
	public void close() {
		this.server.dispose();
	}

}
