package io.github.servermanager.ping;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import io.github.servermanager.core.Pinger;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.cloud.client.ServiceInstance;

/**
 * Pings an instance with an HTTP GET of its health path (see {@link HealthUris} for how
 * the port and path follow the instance's metadata) and judges the status line of the
 * answer.
 * <p>
 * Each ping opens its own connection, sends {@code Connection: close}, reads the status
 * line and closes the connection: a rebalance pings servers that it may then leave at the
 * back of the list for minutes, and a pooled client (the JDK's keeps idle connections for
 * 20 minutes) would hold a connection to each of them. It follows no redirect and reads
 * no body, and the whole ping, from connect to status line, is bounded by the timeout, so
 * a server that accepts connections but never answers cannot stall a rebalance. The
 * request goes straight to the instance, never through a load-balanced client (that would
 * ask the balancer being rebalanced).
 * <p>
 * Secure instances are pinged over TLS with the host name verified against the instance's
 * registered host, as the application's own requests are, with the trust material of an
 * SSL bundle or the JVM's defaults.
 */
public final class HttpPinger implements Pinger<ServiceInstance> {

	private static final int MAX_STATUS_LINE = 1024;

	private final HealthUris uris;

	private final Duration timeout;

	private final Healthy healthy;

	private final Supplier<@Nullable SslBundle> sslBundle;

	/** The TLS set-up of the bundle last seen, rebuilt when the bundle is reloaded. */
	private volatile @Nullable Tls tls;

	/**
	 * Creates a pinger of the configured path, that counts any answer but a 5xx as alive
	 * and follows a {@code management.port} in the metadata.
	 * @param healthPath the path to GET, starting with {@code /}
	 * @param timeout the time allowed for a whole ping
	 */
	public HttpPinger(String healthPath, Duration timeout, java.util.concurrent.ScheduledExecutorService deadlines) {
		this(healthPath, timeout);
	}

	public HttpPinger(String healthPath, Duration timeout) {
		this(new HealthUris(healthPath, HealthUris.MANAGEMENT_PORT_KEY), timeout, Healthy.ANY_ANSWER_BELOW_500,
				(SslBundle) null);
	}

	/**
	 * Creates a pinger.
	 * @param uris where the pings of an instance go
	 * @param timeout the time allowed for a whole ping
	 * @param healthy which answers count as alive
	 * @param sslBundle the trust material and TLS options for secure instances, or
	 * {@code null} for the JVM's defaults
	 */
	public HttpPinger(HealthUris uris, Duration timeout, Healthy healthy, @Nullable SslBundle sslBundle) {
		this(uris, timeout, healthy, () -> sslBundle);
	}

	/**
	 * Creates a pinger whose SSL bundle may change, as Spring Boot's bundles do when
	 * their files are reloaded.
	 * @param uris where the pings of an instance go
	 * @param timeout the time allowed for a whole ping
	 * @param healthy which answers count as alive
	 * @param sslBundle supplies the current bundle for secure instances, or {@code null}
	 * for the JVM's defaults
	 */
	public HttpPinger(HealthUris uris, Duration timeout, Healthy healthy, Supplier<@Nullable SslBundle> sslBundle,
			java.util.concurrent.ScheduledExecutorService deadlines) {
		this(uris, timeout, healthy, sslBundle);
	}

	public HttpPinger(HealthUris uris, Duration timeout, Healthy healthy, Supplier<@Nullable SslBundle> sslBundle) {
		this.uris = Objects.requireNonNull(uris, "uris must not be null");
		this.timeout = PingTimeouts.requirePositive(timeout);
		this.healthy = Objects.requireNonNull(healthy, "healthy must not be null");
		this.sslBundle = Objects.requireNonNull(sslBundle, "sslBundle must not be null");
	}

	@Override
	public boolean ping(ServiceInstance instance) throws IOException {
		URI uri = healthUri(instance);
		long deadline = System.nanoTime() + this.timeout.toNanos();
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(instance.getHost(), uri.getPort()), remainingMillis(deadline));
			Socket connection = instance.isSecure() ? startTls(socket, instance.getHost(), uri, deadline) : socket;
			try (connection) {
				connection.setSoTimeout(remainingMillis(deadline));
				send(connection.getOutputStream(), uri);
				return this.healthy.test(readStatus(connection, uri, deadline));
			}
		}
		catch (SocketTimeoutException ex) {
			throw timeout(uri);
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

	private Socket startTls(Socket socket, String host, URI uri, long deadline) throws IOException {
		socket.setSoTimeout(remainingMillis(deadline));
		Tls current = currentTls();
		SSLSocket tls = (SSLSocket) current.factory().createSocket(socket, host, uri.getPort(), true);
		SSLParameters parameters = tls.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		if (current.options().getCiphers() != null) {
			parameters.setCipherSuites(current.options().getCiphers());
		}
		if (current.options().getEnabledProtocols() != null) {
			parameters.setProtocols(current.options().getEnabledProtocols());
		}
		tls.setSSLParameters(parameters);
		tls.startHandshake();
		return tls;
	}

	private Tls currentTls() {
		SslBundle bundle = this.sslBundle.get();
		Tls current = this.tls;
		if (current == null || current.bundle() != bundle) {
			current = (bundle != null)
					? new Tls(bundle, bundle.createSslContext().getSocketFactory(), bundle.getOptions())
					: new Tls(null, (SSLSocketFactory) SSLSocketFactory.getDefault(), SslOptions.NONE);
			this.tls = current;
		}
		return current;
	}

	private static void send(OutputStream out, URI uri) throws IOException {
		String target = (uri.getRawQuery() != null) ? uri.getRawPath() + "?" + uri.getRawQuery() : uri.getRawPath();
		String request = "GET " + target + " HTTP/1.1\r\nHost: " + uri.getRawAuthority()
				+ "\r\nAccept: application/json, */*\r\nUser-Agent: server-manager-ping\r\nConnection: close\r\n\r\n";
		out.write(request.getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	/** Reads up to the end of the status line, each read bounded by what is left. */
	private static int readStatus(Socket connection, URI uri, long deadline) throws IOException {
		InputStream in = connection.getInputStream();
		byte[] line = new byte[MAX_STATUS_LINE];
		int length = 0;
		while (length < line.length) {
			connection.setSoTimeout(remainingMillis(deadline));
			int read = in.read(line, length, line.length - length);
			if (read < 0) {
				break;
			}
			for (int i = length; i < length + read; i++) {
				if (line[i] == '\n') {
					return parseStatus(new String(line, 0, i, StandardCharsets.US_ASCII), uri);
				}
			}
			length += read;
		}
		throw new IOException("No HTTP status line from " + uri);
	}

	private static int parseStatus(String statusLine, URI uri) throws IOException {
		// "HTTP/1.1 200 OK": the code is the three digits after the first space.
		int space = statusLine.indexOf(' ');
		if (statusLine.startsWith("HTTP/") && space > 0 && statusLine.length() >= space + 4) {
			try {
				return Integer.parseInt(statusLine.substring(space + 1, space + 4));
			}
			catch (NumberFormatException ex) {
				// Reported below.
			}
		}
		throw new IOException("Not an HTTP answer from " + uri + ": '" + statusLine.trim() + "'");
	}

	private static int remainingMillis(long deadline) throws SocketTimeoutException {
		long remaining = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
		if (remaining < 1) {
			throw new SocketTimeoutException();
		}
		return (int) Math.min(Integer.MAX_VALUE, remaining);
	}

	private SocketTimeoutException timeout(URI uri) {
		return new SocketTimeoutException("No answer from " + uri + " within " + this.timeout);
	}

	/** A bundle and what was built from it. */
	private record Tls(@Nullable SslBundle bundle, SSLSocketFactory factory, SslOptions options) {

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
