package io.github.servermanager.ping;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLException;

import io.github.servermanager.testsupport.TestTls;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ssl.SslBundle;
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

	private final List<String> requestedPaths = new CopyOnWriteArrayList<>();

	private final CountDownLatch releaseHungRequests = new CountDownLatch(1);

	private final ExecutorService serverThreads = Executors.newCachedThreadPool();

	private HttpServer server;

	@BeforeEach
	void startServer() throws IOException {
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
	}

	@Test
	void okAnswerIsHealthy() throws Exception {
		assertThat(new HttpPinger("/actuator/health", TIMEOUT).ping(instance(false))).isTrue();
		assertThat(this.requestedPaths).containsExactly("/actuator/health");
	}

	@Test
	void serverWithoutAHealthEndpointIsAliveByDefault() throws Exception {
		assertThat(new HttpPinger("/missing", TIMEOUT).ping(instance(false))).isTrue();
	}

	@Test
	void securedHealthEndpointIsAliveByDefault() throws Exception {
		assertThat(new HttpPinger("/secured", TIMEOUT).ping(instance(false))).isTrue();
	}

	@Test
	void redirectIsAliveByDefaultAndNotFollowed() throws Exception {
		assertThat(new HttpPinger("/moved", TIMEOUT).ping(instance(false))).isTrue();
		assertThat(this.requestedPaths).containsExactly("/moved");
	}

	@Test
	void serverErrorIsNotAlive() throws Exception {
		assertThat(new HttpPinger("/down", TIMEOUT).ping(instance(false))).isFalse();
		assertThat(new HttpPinger("/error", TIMEOUT).ping(instance(false))).isFalse();
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
		assertThat(new HttpPinger("/actuator/health", TIMEOUT).ping(onOtherPort)).isTrue();
		assertThat(this.requestedPaths).containsExactly("/actuator/health");
	}

	@Test
	void serverThatNeverAnswersIsCutOffByTheTimeout() {
		HttpPinger pinger = new HttpPinger("/hang", SHORT_TIMEOUT);
		assertTimeoutPreemptively(Duration.ofSeconds(10),
				() -> assertThatExceptionOfType(SocketTimeoutException.class)
					.isThrownBy(() -> pinger.ping(instance(false)))
					.withMessageContaining("/hang"));
	}

	@Test
	void secureInstanceIsPingedWithTheTrustOfItsSslBundle() throws Exception {
		HttpsServer https = TestTls.startHttpsServer("127.0.0.1", 200);
		try {
			ServiceInstance secure = new DefaultServiceInstance("s1", "backend", "localhost",
					https.getAddress().getPort(), true);
			HttpPinger pinger = new HttpPinger(new HealthUris("/actuator/health", "management.port"), TIMEOUT,
					HttpPinger.Healthy.SUCCESS_ONLY, TestTls.trustingBundle());
			assertThat(pinger.ping(secure)).isTrue();
			HttpPinger jvmDefaults = new HttpPinger("/actuator/health", TIMEOUT);
			assertThatExceptionOfType(SSLException.class).isThrownBy(() -> jvmDefaults.ping(secure));
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
			HttpPinger pinger = new HttpPinger(new HealthUris("/actuator/health", "management.port"), TIMEOUT,
					HttpPinger.Healthy.SUCCESS_ONLY, TestTls.trustingBundle());
			assertThatExceptionOfType(SSLException.class).isThrownBy(() -> pinger.ping(misnamed));
		}
		finally {
			https.stop(0);
		}
	}

	@Test
	void refusedConnectionThrows() throws IOException {
		ServiceInstance gone = new DefaultServiceInstance("gone", "backend", "127.0.0.1", closedPort(), false);
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> new HttpPinger("/actuator/health", TIMEOUT).ping(gone));
	}

	@Test
	void nonPositiveTimeoutIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new HttpPinger("/health", Duration.ZERO))
			.withMessageContaining("timeout");
	}

	private static HttpPinger successOnly(String path) {
		return new HttpPinger(new HealthUris(path, "management.port"), TIMEOUT, HttpPinger.Healthy.SUCCESS_ONLY,
				(SslBundle) null);
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private void respond(String path, int status) {
		this.server.createContext(path, (exchange) -> {
			this.requestedPaths.add(exchange.getRequestURI().getPath());
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
