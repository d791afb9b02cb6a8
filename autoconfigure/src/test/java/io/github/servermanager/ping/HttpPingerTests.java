package io.github.servermanager.ping;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLException;

import io.github.servermanager.testsupport.TestTls;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class HttpPingerTests {

	/** Generous, so that a loaded machine does not turn an answer into a timeout. */
	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

	/**
	 * Generous, for a loaded 2-core machine (the first TLS set-up of a JVM alone may take
	 * a second there): a ping that is not cut off runs for as long as the server
	 * trickles, which is forever. How soon the cut comes is measured by the benchmarks.
	 */
	private static final Duration MARGIN = Duration.ofSeconds(5);

	/** A TLS 1.3 cipher suite that the JDK does not choose first. */
	private static final String CHACHA = "TLS_CHACHA20_POLY1305_SHA256";

	private final List<String> requestedPaths = new CopyOnWriteArrayList<>();

	private final List<Map<String, List<String>>> requestHeaders = new CopyOnWriteArrayList<>();

	private final CountDownLatch releaseHungRequests = new CountDownLatch(1);

	private final AtomicInteger serverThreadCount = new AtomicInteger();

	private final ExecutorService serverThreads = Executors
		.newCachedThreadPool((task) -> new Thread(task, "test-server-" + this.serverThreadCount.incrementAndGet()));

	private final ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1);

	private HttpServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.deadlines.setRemoveOnCancelPolicy(true);
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(this.serverThreads);
		respond("/actuator/health", 200);
		respond("/created", 201);
		respond("/down", 503);
		respond("/error", 500);
		respond("/secured", 401);
		this.server.createContext("/moved", (exchange) -> {
			this.requestedPaths.add(exchange.getRequestURI().getPath());
			exchange.getResponseHeaders().add("Location", "/actuator/health");
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
		});
		this.server.createContext("/hang", (exchange) -> {
			this.requestedPaths.add(exchange.getRequestURI().getPath());
			try {
				this.releaseHungRequests.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.releaseHungRequests.countDown();
		this.server.stop(0);
		this.serverThreads.shutdownNow();
		this.deadlines.shutdownNow();
	}

	@Test
	void okAnswerIsHealthy() throws Exception {
		assertThat(pinger("/actuator/health").ping(instance(false))).isTrue();
		assertThat(this.requestedPaths).containsExactly("/actuator/health");
	}

	@Test
	void requestAsksTheServerToCloseAndNamesThePing() throws Exception {
		assertThat(pinger("/actuator/health").ping(instance(false))).isTrue();
		assertThat(this.requestHeaders).singleElement().satisfies((headers) -> {
			assertThat(headers).containsEntry("Connection", List.of("close"))
				.containsEntry("Accept", List.of("application/json, */*"))
				.containsEntry("User-agent", List.of("server-manager-ping"))
				.doesNotContainKey("Authorization");
		});
	}

	@Test
	void serverWithoutAHealthEndpointIsAliveByDefault() throws Exception {
		assertThat(pinger("/missing").ping(instance(false))).isTrue();
	}

	@Test
	void securedHealthEndpointIsAliveByDefault() throws Exception {
		assertThat(pinger("/secured").ping(instance(false))).isTrue();
	}

	@Test
	void redirectIsAliveByDefaultAndNotFollowed() throws Exception {
		assertThat(pinger("/moved").ping(instance(false))).isTrue();
		assertThat(this.requestedPaths).containsExactly("/moved");
	}

	@Test
	void serverErrorIsNotAlive() throws Exception {
		assertThat(pinger("/down").ping(instance(false))).isFalse();
		assertThat(pinger("/error").ping(instance(false))).isFalse();
	}

	@Test
	void successOnlyPingAcceptsOnly2xx() throws Exception {
		assertThat(successOnly("/actuator/health").ping(instance(false))).isTrue();
		assertThat(successOnly("/created").ping(instance(false))).isTrue();
		assertThat(successOnly("/missing").ping(instance(false))).isFalse();
		assertThat(successOnly("/secured").ping(instance(false))).isFalse();
		assertThat(successOnly("/moved").ping(instance(false))).isFalse();
		assertThat(successOnly("/down").ping(instance(false))).isFalse();
	}

	@Test
	void managementPortInTheMetadataIsPinged() throws Exception {
		ServiceInstance onOtherPort = new DefaultServiceInstance("b1", "backend", "127.0.0.1", closedPort(), false,
				Map.of("management.port", String.valueOf(this.server.getAddress().getPort())));
		assertThat(pinger("/actuator/health").ping(onOtherPort)).isTrue();
		assertThat(this.requestedPaths).containsExactly("/actuator/health");
	}

	@Test
	void serverThatNeverAnswersIsCutOffByTheTimeout() {
		HttpPinger pinger = new HttpPinger("/hang", SHORT_TIMEOUT, this.deadlines);
		assertTimeoutPreemptively(SHORT_TIMEOUT.plus(MARGIN),
				() -> assertThatExceptionOfType(SocketTimeoutException.class)
					.isThrownBy(() -> pinger.ping(instance(false)))
					.withMessage("No answer from " + pinger.healthUri(instance(false)) + " within PT0.3S"));
		assertThat(this.requestedPaths).containsExactly("/hang");
	}

	@Test
	void pingLeavesItsThreadUninterruptedAndStartsNoThread() throws Exception {
		// Threads started from the pinging thread join its group; the deadline's thread
		// is the scheduler's, started here beforehand.
		this.deadlines.prestartAllCoreThreads();
		ThreadGroup group = new ThreadGroup("pings");
		List<Object> outcomes = new CopyOnWriteArrayList<>();
		Thread pinging = new Thread(group, () -> {
			for (String path : List.of("/actuator/health", "/hang")) {
				try {
					outcomes.add(new HttpPinger(path, SHORT_TIMEOUT, this.deadlines).ping(instance(false)));
				}
				catch (Exception ex) {
					outcomes.add(ex.getClass());
				}
				outcomes.add(Thread.currentThread().isInterrupted() ? "interrupted" : "not interrupted");
			}
		}, "pinging");
		pinging.start();
		pinging.join(TIMEOUT.toMillis());
		assertThat(outcomes).containsExactly(true, "not interrupted", SocketTimeoutException.class, "not interrupted");
		assertThat(group.activeCount()).as("threads left in the pinging thread's group").isZero();
	}

	@Test
	void pingGoesStraightToTheInstanceWhateverTheJvmProxy() throws Exception {
		// Restored below; any address but the test server's still gets the JVM's proxy.
		ProxySelector jvm = ProxySelector.getDefault();
		int port = this.server.getAddress().getPort();
		List<URI> asked = new CopyOnWriteArrayList<>();
		try (ServerSocket proxy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			ProxySelector.setDefault(new ProxySelector() {

				@Override
				public List<Proxy> select(URI uri) {
					if (uri.getPort() == port) {
						asked.add(uri);
						return List.of(new Proxy(Proxy.Type.HTTP, proxy.getLocalSocketAddress()));
					}
					return (jvm != null) ? jvm.select(uri) : List.of(Proxy.NO_PROXY);
				}

				@Override
				public void connectFailed(URI uri, SocketAddress address, IOException ex) {
					if (jvm != null) {
						jvm.connectFailed(uri, address, ex);
					}
				}

			});
			assertThat(pinger("/actuator/health").ping(instance(false))).isTrue();
		}
		finally {
			ProxySelector.setDefault(jvm);
		}
		assertThat(asked).isEmpty();
		assertThat(this.requestedPaths).containsExactly("/actuator/health");
	}

	@Test
	void secureInstanceIsPingedWithTheTrustOfItsSslBundle() throws Exception {
		HttpsServer https = TestTls.startHttpsServer("127.0.0.1", 200);
		try {
			ServiceInstance secure = new DefaultServiceInstance("s1", "backend", "localhost",
					https.getAddress().getPort(), true);
			assertThat(secure("/actuator/health", TestTls.trustingBundle()).ping(secure)).isTrue();
			HttpPinger jvmDefaults = new HttpPinger("/actuator/health", TIMEOUT, this.deadlines);
			assertThatExceptionOfType(SSLException.class).isThrownBy(() -> jvmDefaults.ping(secure));
		}
		finally {
			https.stop(0);
		}
	}

	@Test
	void reloadedSslBundleIsUsedFromTheNextPing() throws Exception {
		HttpsServer https = TestTls.startHttpsServer("127.0.0.1", 200);
		try {
			ServiceInstance secure = new DefaultServiceInstance("s1", "backend", "localhost",
					https.getAddress().getPort(), true);
			AtomicReference<SslBundle> bundle = new AtomicReference<>(SslBundle.of(SslStoreBundle.NONE));
			HttpPinger pinger = new HttpPinger(new HealthUris("/actuator/health", "management.port"), TIMEOUT,
					HttpPinger.Healthy.SUCCESS_ONLY, bundle::get, this.deadlines);
			assertThatExceptionOfType(SSLException.class).isThrownBy(() -> pinger.ping(secure));
			bundle.set(TestTls.trustingBundle());
			assertThat(pinger.ping(secure)).isTrue();
			bundle.set(SslBundle.of(SslStoreBundle.NONE));
			assertThatExceptionOfType(SSLException.class).isThrownBy(() -> pinger.ping(secure));
		}
		finally {
			https.stop(0);
		}
	}

	@Test
	void sslBundleOptionsChooseTheProtocolAndCiphers() throws Exception {
		HttpsServer https = TestTls.startHttpsServer("127.0.0.1", 200);
		List<String> sessions = new CopyOnWriteArrayList<>();
		https.createContext("/session", (exchange) -> {
			HttpsExchange secured = (HttpsExchange) exchange;
			sessions.add(secured.getSSLSession().getProtocol() + " " + secured.getSSLSession().getCipherSuite());
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		try {
			ServiceInstance secure = new DefaultServiceInstance("s1", "backend", "localhost",
					https.getAddress().getPort(), true);
			SslStoreBundle trusting = TestTls.trustingBundle().getStores();
			SslBundle tls12 = SslBundle.of(trusting, null, SslOptions.of(null, new String[] { "TLSv1.2" }));
			SslBundle chacha = SslBundle.of(trusting, null, SslOptions.of(new String[] { CHACHA }, null));
			assertThat(secure("/session", TestTls.trustingBundle()).ping(secure)).isTrue();
			assertThat(secure("/session", tls12).ping(secure)).isTrue();
			assertThat(secure("/session", chacha).ping(secure)).isTrue();
			assertThat(sessions).hasSize(3);
			assertThat(sessions.get(0)).startsWith("TLSv1.3 ").doesNotEndWith(CHACHA);
			assertThat(sessions.get(1)).startsWith("TLSv1.2 ");
			assertThat(sessions.get(2)).isEqualTo("TLSv1.3 " + CHACHA);
		}
		finally {
			https.stop(0);
		}
	}

	@Test
	void secureInstanceWhoseCertificateDoesNotNameItsHostIsRefused() throws Exception {
		HttpsServer https = TestTls.startHttpsServer("127.0.0.2", 200);
		try {
			// The certificate names localhost and 127.0.0.1, not 127.0.0.2.
			ServiceInstance misnamed = new DefaultServiceInstance("s1", "backend", "127.0.0.2",
					https.getAddress().getPort(), true);
			HttpPinger pinger = secure("/actuator/health", TestTls.trustingBundle());
			assertThatExceptionOfType(SSLException.class).isThrownBy(() -> pinger.ping(misnamed));
		}
		finally {
			https.stop(0);
		}
	}

	@Test
	void hostNameIsCheckedWhateverTheJvmDefaultHostnameVerifier() throws Exception {
		HttpsServer https = TestTls.startHttpsServer("127.0.0.2", 200);
		// Restored below: the JVM-wide verifier is lenient only while this test pings.
		HostnameVerifier jvm = HttpsURLConnection.getDefaultHostnameVerifier();
		HttpsURLConnection.setDefaultHostnameVerifier((host, session) -> true);
		try {
			ServiceInstance misnamed = new DefaultServiceInstance("s1", "backend", "127.0.0.2",
					https.getAddress().getPort(), true);
			HttpPinger pinger = secure("/actuator/health", TestTls.trustingBundle());
			assertThatExceptionOfType(SSLException.class).isThrownBy(() -> pinger.ping(misnamed));
		}
		finally {
			HttpsURLConnection.setDefaultHostnameVerifier(jvm);
			https.stop(0);
		}
	}

	@Test
	void refusedConnectionThrows() throws IOException {
		ServiceInstance gone = new DefaultServiceInstance("gone", "backend", "127.0.0.1", closedPort(), false);
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> pinger("/actuator/health").ping(gone));
		assertThat(this.deadlines.getQueue()).as("deadlines left scheduled").isEmpty();
	}

	@Test
	void nonPositiveTimeoutIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new HttpPinger("/health", Duration.ZERO, this.deadlines))
			.withMessageContaining("timeout");
	}

	@Test
	void describesItselfForALogLine() {
		assertThat(pinger("/actuator/health"))
			.hasToString("HTTP GET /actuator/health (any answer below 500, timeout PT5S)");
		assertThat(successOnly("/ready")).hasToString("HTTP GET /ready (2xx only, timeout PT5S)");
	}

	private HttpPinger pinger(String path) {
		return new HttpPinger(path, TIMEOUT, this.deadlines);
	}

	private HttpPinger successOnly(String path) {
		return new HttpPinger(new HealthUris(path, "management.port"), TIMEOUT, HttpPinger.Healthy.SUCCESS_ONLY,
				() -> null, this.deadlines);
	}

	private HttpPinger secure(String path, @Nullable SslBundle bundle) {
		return new HttpPinger(new HealthUris(path, "management.port"), TIMEOUT, HttpPinger.Healthy.SUCCESS_ONLY,
				() -> bundle, this.deadlines);
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private void respond(String path, int status) {
		this.server.createContext(path, (exchange) -> {
			this.requestedPaths.add(exchange.getRequestURI().getPath());
			this.requestHeaders.add(Map.copyOf(exchange.getRequestHeaders()));
			byte[] body = "{}".getBytes();
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
	}

	private ServiceInstance instance(boolean secure) {
		return new DefaultServiceInstance("b1", "backend", "127.0.0.1", this.server.getAddress().getPort(), secure);
	}

}
