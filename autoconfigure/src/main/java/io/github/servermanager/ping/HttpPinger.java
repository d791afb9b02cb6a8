package io.github.servermanager.ping;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.servermanager.core.Pinger;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Pings an instance with an HTTP GET of its health path: any 2xx answer is healthy.
 * <p>
 * The request goes straight to the instance with the JDK's {@link HttpClient}, never
 * through a load-balanced client (that would ask the balancer being rebalanced). It
 * follows no redirect, since a redirect says nothing about this instance's health, and
 * gives up after the timeout, so a server that accepts connections but never answers
 * cannot stall a rebalance.
 */
public final class HttpPinger implements Pinger<ServiceInstance> {

	private final HttpClient client;

	private final String healthPath;

	private final Duration timeout;

	/**
	 * Creates a pinger with its own HTTP/1.1 client.
	 * @param healthPath the path to GET, starting with {@code /}
	 * @param timeout the connect timeout, and again the time allowed for the answer
	 */
	public HttpPinger(String healthPath, Duration timeout) {
		this(newClient(timeout), healthPath, timeout);
	}

	/**
	 * Creates a pinger on a client of the caller's, for instance one with an
	 * {@code SSLContext} that trusts the servers' certificates. Its redirect policy is
	 * the caller's to choose.
	 * @param client the client to send pings with
	 * @param healthPath the path to GET, starting with {@code /}
	 * @param timeout the time allowed for the answer
	 */
	public HttpPinger(HttpClient client, String healthPath, Duration timeout) {
		this.client = Objects.requireNonNull(client, "client must not be null");
		this.healthPath = requireHealthPath(healthPath);
		this.timeout = PingTimeouts.requirePositive(timeout);
	}

	@Override
	public boolean ping(ServiceInstance instance) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(healthUri(instance))
			.timeout(this.timeout)
			.header("Accept", "application/json")
			.GET()
			.build();
		CompletableFuture<HttpResponse<Void>> response = this.client.sendAsync(request,
				HttpResponse.BodyHandlers.discarding());
		try {
			// The request timeout stops at the headers; this bound also covers a body
			// that never ends and a connection that is never made.
			int status = response.get(this.timeout.toMillis() * 2, TimeUnit.MILLISECONDS).statusCode();
			return status >= 200 && status < 300;
		}
		catch (TimeoutException ex) {
			response.cancel(true);
			throw new HttpTimeoutException("No answer from " + request.uri() + " within " + this.timeout);
		}
		catch (InterruptedException ex) {
			response.cancel(true);
			throw ex;
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof IOException ioException) {
				throw ioException;
			}
			throw new IOException("Ping of " + request.uri() + " failed", cause);
		}
	}

	/**
	 * Returns the address this pinger GETs for an instance.
	 * @param instance the instance to ping
	 * @return its health URI, {@code https} when the instance is secure
	 */
	public URI healthUri(ServiceInstance instance) {
		String scheme = instance.isSecure() ? "https" : "http";
		try {
			return new URI(scheme, null, instance.getHost(), instance.getPort(), this.healthPath, null, null);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("Cannot build a health URI for instance " + instance.getInstanceId()
					+ " at " + instance.getHost() + ":" + instance.getPort(), ex);
		}
	}

	/**
	 * Returns the path this pinger GETs.
	 * @return the health path
	 */
	public String healthPath() {
		return this.healthPath;
	}

	private static String requireHealthPath(String healthPath) {
		Objects.requireNonNull(healthPath, "healthPath must not be null");
		if (!healthPath.startsWith("/")) {
			throw new IllegalArgumentException(
					"healthPath must start with '/', but was '" + healthPath + "' (for example /actuator/health)");
		}
		return healthPath;
	}

	/**
	 * Creates the client this pinger uses unless given one: HTTP/1.1, so that no upgrade
	 * to HTTP/2 is attempted against a health endpoint, the timeout as connect timeout,
	 * and no redirects followed. One client can serve the pingers of many services: each
	 * client keeps a selector thread of its own.
	 * @param timeout the connect timeout
	 * @return a new client
	 */
	public static HttpClient newClient(Duration timeout) {
		PingTimeouts.requirePositive(timeout);
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

}
