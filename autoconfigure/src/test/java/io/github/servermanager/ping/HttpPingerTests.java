package io.github.servermanager.ping;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
	void anyTwoHundredAnswerIsHealthy() throws Exception {
		assertThat(new HttpPinger("/created", TIMEOUT).ping(instance(false))).isTrue();
	}

	@Test
	void serviceUnavailableIsUnhealthy() throws Exception {
		assertThat(new HttpPinger("/down", TIMEOUT).ping(instance(false))).isFalse();
	}

	@Test
	void serverErrorIsUnhealthy() throws Exception {
		assertThat(new HttpPinger("/error", TIMEOUT).ping(instance(false))).isFalse();
	}

	@Test
	void redirectIsNotFollowedAndIsUnhealthy() throws Exception {
		assertThat(new HttpPinger("/moved", TIMEOUT).ping(instance(false))).isFalse();
		assertThat(this.requestedPaths).containsExactly("/moved");
	}

	@Test
	void serverThatNeverAnswersIsCutOffByTheTimeout() {
		HttpPinger pinger = new HttpPinger("/hang", SHORT_TIMEOUT);
		assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatExceptionOfType(HttpTimeoutException.class)
			.isThrownBy(() -> pinger.ping(instance(false))));
	}

	@Test
	void refusedConnectionThrows() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		ServiceInstance gone = new DefaultServiceInstance("gone", "backend", "127.0.0.1", closedPort, false);
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> new HttpPinger("/actuator/health", TIMEOUT).ping(gone));
	}

	@Test
	void secureInstanceIsPingedOverHttps() {
		HttpPinger pinger = new HttpPinger("/actuator/health", TIMEOUT);
		ServiceInstance secure = new DefaultServiceInstance("s1", "backend", "10.1.2.3", 8443, true);
		assertThat(pinger.healthUri(secure)).hasToString("https://10.1.2.3:8443/actuator/health");
	}

	@Test
	void plainInstanceIsPingedOverHttp() {
		HttpPinger pinger = new HttpPinger("/health", TIMEOUT);
		ServiceInstance plain = new DefaultServiceInstance("p1", "backend", "backend.local", 8080, false);
		assertThat(pinger.healthUri(plain)).hasToString("http://backend.local:8080/health");
	}

	@Test
	void ipv6HostIsBracketed() {
		HttpPinger pinger = new HttpPinger("/health", TIMEOUT);
		ServiceInstance v6 = new DefaultServiceInstance("v6", "backend", "::1", 8080, false);
		assertThat(pinger.healthUri(v6)).hasToString("http://[::1]:8080/health");
	}

	@Test
	void healthPathWithoutLeadingSlashIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new HttpPinger("actuator/health", TIMEOUT))
			.withMessageContaining("healthPath")
			.withMessageContaining("actuator/health");
	}

	@Test
	void nonPositiveTimeoutIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new HttpPinger("/health", Duration.ZERO))
			.withMessageContaining("timeout");
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
