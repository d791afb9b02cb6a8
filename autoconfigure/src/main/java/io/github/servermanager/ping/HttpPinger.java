package io.github.servermanager.ping;

import java.io.IOException;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

import io.github.servermanager.core.Pinger;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.cloud.client.ServiceInstance;

/**
 * Pings an instance with an HTTP GET of its health path (see {@link HealthUris} for how
 * the port and path follow the instance's metadata) and judges the status code of the
 * answer.
 * <p>
 * Each ping opens its own connection with the JDK's {@link HttpURLConnection}, sends
 * {@code Connection: close}, reads the status and closes the connection: a rebalance
 * pings servers that it may then leave at the back of the list for minutes, and a pooled
 * connection to each of them would be held all that time. It follows no redirect, reads
 * no body and goes straight to the instance, never through a JVM proxy or a load-balanced
 * client (that would ask the balancer being rebalanced).
 * <p>
 * The whole ping, from connect to status, is bounded by the timeout: on top of the
 * connect and read timeouts, which a server that trickles its answer byte by byte never
 * trips, a deadline task on the given scheduler cuts the connection when the timeout is
 * up, so a server that accepts connections but never answers cannot stall a rebalance.
 * The pinger creates no thread of its own.
 * <p>
 * Secure instances are pinged over TLS with the host name verified against the instance's
 * registered host, as the application's own requests are, with the trust material and
 * options of an SSL bundle or the JVM's defaults.
 */
public final class HttpPinger implements Pinger<ServiceInstance> {

	/**
	 * Hands out no credentials: a 401 from an instance is an answer, and an
	 * {@link Authenticator} the application set for the whole JVM must not be asked for a
	 * password on the ping's behalf.
	 */
	private static final Authenticator NO_CREDENTIALS = new Authenticator() {
	};

	private final HealthUris uris;

	private final Duration timeout;

	private final int timeoutMillis;

	private final Healthy healthy;

	private final Supplier<@Nullable SslBundle> sslBundle;

	private final ScheduledExecutorService deadlines;

	/** The TLS set-up of the bundle last seen, rebuilt when the bundle is reloaded. */
	private volatile PingTlsSocketFactory.@Nullable Tls tls;

	/**
	 * Creates a pinger of the configured path, that counts any answer but a 5xx as alive,
	 * follows a {@code management.port} in the metadata and uses the JVM's TLS defaults.
	 * @param healthPath the path to GET, starting with {@code /}
	 * @param timeout the time allowed for a whole ping
	 * @param deadlines runs the task that cuts a ping at its timeout
	 */
	public HttpPinger(String healthPath, Duration timeout, ScheduledExecutorService deadlines) {
		this(new HealthUris(healthPath, HealthUris.MANAGEMENT_PORT_KEY), timeout, Healthy.ANY_ANSWER_BELOW_500,
				() -> null, deadlines);
	}

	/**
	 * Creates a pinger.
	 * @param uris where the pings of an instance go
	 * @param timeout the time allowed for a whole ping
	 * @param healthy which answers count as alive
	 * @param sslBundle supplies the current bundle for secure instances (it may change,
	 * as Spring Boot's bundles do when their files are reloaded), or {@code null} for the
	 * JVM's defaults
	 * @param deadlines runs the task that cuts a ping at its timeout; it should remove
	 * cancelled tasks, as every ping that ends in time cancels its own
	 */
	public HttpPinger(HealthUris uris, Duration timeout, Healthy healthy, Supplier<@Nullable SslBundle> sslBundle,
			ScheduledExecutorService deadlines) {
		this.uris = Objects.requireNonNull(uris, "uris must not be null");
		this.timeout = PingTimeouts.requirePositive(timeout);
		this.timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
		this.healthy = Objects.requireNonNull(healthy, "healthy must not be null");
		this.sslBundle = Objects.requireNonNull(sslBundle, "sslBundle must not be null");
		this.deadlines = Objects.requireNonNull(deadlines, "deadlines must not be null");
	}

	/**
	 * Pings an instance.
	 * @param instance the instance to ping
	 * @return whether its answer counts as alive
	 * @throws SocketTimeoutException when no answer came within the timeout
	 * @throws IOException when the instance refused the connection, failed the TLS
	 * handshake or did not answer in HTTP
	 */
	@Override
	public boolean ping(ServiceInstance instance) throws IOException {
		URI uri = healthUri(instance);
		HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
		PingDeadline deadline = new PingDeadline(connection);
		ScheduledFuture<?> cut = this.deadlines.schedule(deadline, this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		try {
			configure(connection, deadline);
			connection.connect();
			deadline.connected();
			int status = connection.getResponseCode();
			if (status < 0) {
				throw new IOException("Not an HTTP answer from " + uri);
			}
			return this.healthy.test(status);
		}
		catch (IOException | RuntimeException ex) {
			// Once the deadline has cut the connection, whatever this thread then meets
			// (HttpURLConnection is not made to be closed from another thread) is the
			// timeout.
			if (ex instanceof SocketTimeoutException || deadline.hasCut()) {
				SocketTimeoutException timeout = new SocketTimeoutException(
						"No answer from " + uri + " within " + this.timeout);
				timeout.initCause(ex);
				throw timeout;
			}
			throw ex;
		}
		finally {
			cut.cancel(false);
			deadline.end();
		}
	}

	/**
	 * Returns the address this pinger GETs for an instance.
	 * @param instance the instance to ping
	 * @return its health URI, {@code https} when the instance is secure
	 */
	public URI healthUri(ServiceInstance instance) {
		return this.uris.of(instance);
	}

	/**
	 * Returns the path this pinger GETs when the instance's metadata announces none.
	 * @return the health path
	 */
	public String healthPath() {
		return this.uris.healthPath();
	}

	/**
	 * Describes the pinger for a log line, for example
	 * {@code HTTP GET /actuator/health (any answer below 500, timeout PT2S)}.
	 */
	@Override
	public String toString() {
		return "HTTP GET " + healthPath() + " ("
				+ ((this.healthy == Healthy.SUCCESS_ONLY) ? "2xx only" : "any answer below 500") + ", timeout "
				+ this.timeout + ")";
	}

	private void configure(HttpURLConnection connection, PingDeadline deadline) {
		connection.setConnectTimeout(this.timeoutMillis);
		connection.setReadTimeout(this.timeoutMillis);
		connection.setInstanceFollowRedirects(false);
		connection.setUseCaches(false);
		connection.setAuthenticator(NO_CREDENTIALS);
		// A server that honours it answers "Connection: close" too, and the JDK then puts
		// nothing in its keep-alive cache (from one that does not, the disconnect() at
		// the end of the ping takes the connection back out and closes it).
		connection.setRequestProperty("Connection", "close");
		connection.setRequestProperty("Accept", "application/json, */*");
		connection.setRequestProperty("User-Agent", "server-manager-ping");
		if (connection instanceof HttpsURLConnection https) {
			https.setSSLSocketFactory(new PingTlsSocketFactory(currentTls(), deadline));
		}
	}

	private PingTlsSocketFactory.Tls currentTls() {
		SslBundle bundle = this.sslBundle.get();
		PingTlsSocketFactory.Tls current = this.tls;
		if (current == null || current.bundle() != bundle) {
			current = (bundle != null)
					? new PingTlsSocketFactory.Tls(bundle, bundle.createSslContext().getSocketFactory(),
							bundle.getOptions())
					: new PingTlsSocketFactory.Tls(null, (SSLSocketFactory) SSLSocketFactory.getDefault(),
							SslOptions.NONE);
			this.tls = current;
		}
		return current;
	}

	/** Which HTTP answers mean that a server is alive. */
	public enum Healthy {

		/**
		 * Any answer but a 5xx: the server answers HTTP requests, whether or not it has a
		 * health endpoint (404), lets us read it (401, 403) or redirects (3xx).
		 */
		ANY_ANSWER_BELOW_500,

		/** Only a 2xx: the health endpoint exists and reports the server healthy. */
		SUCCESS_ONLY;

		/**
		 * Returns whether an answer means that the server is alive.
		 * @param status the HTTP status code of the answer
		 * @return {@code true} when it does
		 */
		public boolean test(int status) {
			return (this == SUCCESS_ONLY) ? status >= 200 && status < 300 : status >= 100 && status < 500;
		}

	}

}
