package io.github.servermanager.connection;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.servermanager.core.Pinger;
import io.github.servermanager.ping.HttpPinger;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Pings an instance through the application's own HTTP client, with keep-alive, so that
 * the connection the ping opens stays in that client's pool and is the one its next
 * requests reuse: a rebalance then opens one connection to the new front, not two. The
 * request uses the client's factory (or connector) directly with the instance's own
 * address, never a load-balanced client, asks the same health URI and judges the answer
 * as the socket ping does, and is bounded by the same timeout.
 * <p>
 * The client is the one that calls the service ({@link ClientPings#clientFor}); when none
 * can be told, the socket ping of {@link HttpPinger} is used: a ping through a client
 * that does not call the service would leave a connection no one reuses.
 * <p>
 * The idle-connection reaper is told of each ping: it keeps the candidate's connection
 * while the rebalance moves the front to it, and closes it after the grace period when
 * the ping failed and the server is not the front of any service.
 */
public final class ClientPinger implements Pinger<ServiceInstance> {

	/** Bodies longer than this are not read to the end; the connection may then close. */
	private static final int MAX_DRAINED_BODY = 64 * 1024;

	private final HttpPinger socketPinger;

	private final HttpPinger.Healthy healthy;

	private final Duration timeout;

	private final ClientPings pings;

	/**
	 * Creates a pinger.
	 * @param socketPinger the socket ping used when no single client is alive, and the
	 * source of the health URI
	 * @param healthy which answers count as alive
	 * @param timeout the time allowed for a whole ping
	 * @param pings the captured clients, the executor and the reaper
	 */
	public ClientPinger(HttpPinger socketPinger, HttpPinger.Healthy healthy, Duration timeout, ClientPings pings) {
		this.socketPinger = Objects.requireNonNull(socketPinger, "socketPinger must not be null");
		this.healthy = Objects.requireNonNull(healthy, "healthy must not be null");
		this.timeout = Objects.requireNonNull(timeout, "timeout must not be null");
		this.pings = Objects.requireNonNull(pings, "pings must not be null");
	}

	@Override
	public boolean ping(ServiceInstance instance) throws Exception {
		URI uri = this.socketPinger.healthUri(instance);
		// A health port of its own (management.port) is not where the requests go: its
		// pooled connection would be one more, so that ping stays on its own socket.
		Object client = (uri.getPort() == instance.getPort()) ? this.pings.clientFor(instance) : null;
		if (client == null) {
			return this.socketPinger.ping(instance);
		}
		ServerAddress address = ServerAddress.of(instance);
		this.pings.reaper().pinging(address, this.timeout);
		boolean alive = false;
		try {
			alive = this.healthy.test(status(client, uri));
			return alive;
		}
		finally {
			if (!alive) {
				this.pings.reaper().pingFailed(address);
			}
		}
	}

	private int status(Object client, URI uri) throws Exception {
		if (!(client instanceof ClientHttpRequestFactory factory)) {
			// Only a reactive connector was captured; its types load only here.
			return ConnectorPing.status(client, uri, this.timeout);
		}
		ExecutorService executor = this.pings.executor();
		Future<Integer> answer = executor.submit(() -> status(factory, uri));
		try {
			return answer.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			answer.cancel(true);
			throw new SocketTimeoutException("No answer from " + uri + " within " + this.timeout);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
	}

	private static int status(ClientHttpRequestFactory factory, URI uri) throws IOException {
		ClientHttpRequest request = factory.createRequest(uri, HttpMethod.GET);
		request.getHeaders().set("Accept", "application/json, */*");
		request.getHeaders().set("User-Agent", "server-manager-ping");
		try (ClientHttpResponse response = request.execute()) {
			int status = response.getStatusCode().value();
			drain(response.getBody());
			return status;
		}
	}

	/** Reads the body to its end so that the client can hand the connection out again. */
	private static void drain(InputStream body) throws IOException {
		byte[] buffer = new byte[4096];
		int total = 0;
		int read;
		while (total < MAX_DRAINED_BODY && (read = body.read(buffer)) >= 0) {
			total += read;
		}
	}

}
