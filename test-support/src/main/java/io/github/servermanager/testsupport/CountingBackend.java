package io.github.servermanager.testsupport;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A Reactor Netty server on a random loopback port that, like Netty servers and Envoy by
 * default, never closes an idle keep-alive connection, and counts the connections it
 * accepted and those still open. {@code /whoami} answers with the server's name.
 */
public final class CountingBackend implements AutoCloseable {

	private final String name;

	private final AtomicInteger accepted = new AtomicInteger();

	private final AtomicInteger open = new AtomicInteger();

	private final DisposableServer server;

	private CountingBackend(String name) {
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

	/**
	 * Starts a server.
	 * @param name what {@code /whoami} answers
	 * @return the running server
	 */
	public static CountingBackend start(String name) {
		return new CountingBackend(name);
	}

	public String name() {
		return this.name;
	}

	public int port() {
		return this.server.port();
	}

	public String uri() {
		return "http://127.0.0.1:" + port();
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
		this.server.disposeNow(Duration.ofSeconds(5));
	}

	@Override
	public String toString() {
		return this.name + "@" + port();
	}

}
