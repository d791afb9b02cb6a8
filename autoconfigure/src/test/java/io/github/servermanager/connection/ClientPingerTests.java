package io.github.servermanager.connection;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.servermanager.ping.HealthUris;
import io.github.servermanager.ping.HttpPinger;
import io.github.servermanager.testsupport.CountingBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Pings through a captured client against real servers: the answer rules and the timeout
 * are those of the socket ping, and the connection stays in the client's pool.
 */
class ClientPingerTests {

	/**
	 * The ping timeout where a server answers: long enough for a JDK client's first
	 * request on a loaded machine.
	 */
	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/** The ping timeout where the server never answers: only this bound ends the ping. */
	private static final Duration SILENT_SERVER_TIMEOUT = Duration.ofMillis(300);

	private final CountingBackend backend = CountingBackend.start("s1");

	private final CapturedClients clients = new CapturedClients();

	private final IdleConnectionReaper reaper = new IdleConnectionReaper(new ConnectionPools(), List::of,
			(serviceId) -> true, Duration.ofMillis(100));

	private final ClientPings pings = new ClientPings(this.clients, this.reaper, (serviceId) -> List.of());

	private final List<Socket> accepted = new ArrayList<>();

	/** Captured clients are held weakly: the test holds them. */
	private final List<Object> held = new ArrayList<>();

	@AfterEach
	void stop() throws IOException {
		this.pings.destroy();
		this.reaper.destroy();
		this.backend.close();
		for (Socket socket : this.accepted) {
			socket.close();
		}
	}

	@Test
	void repeatedPingsReuseTheClientsConnection() throws Exception {
		callerOfTheService();
		ClientPinger pinger = pinger("/actuator/health", HttpPinger.Healthy.SUCCESS_ONLY);
		ServiceInstance instance = instance(this.backend.port());
		assertThat(pinger.ping(instance)).isTrue();
		assertThat(pinger.ping(instance)).isTrue();
		assertThat(this.backend.acceptedConnections()).isEqualTo(1);
		assertThat(this.backend.openConnections()).isEqualTo(1);
	}

	@Test
	void healthOnlyCountsA404AsDown() throws Exception {
		callerOfTheService();
		assertThat(pinger("/missing", HttpPinger.Healthy.SUCCESS_ONLY).ping(instance(this.backend.port()))).isFalse();
		assertThat(pinger("/missing", HttpPinger.Healthy.ANY_ANSWER_BELOW_500).ping(instance(this.backend.port())))
			.isTrue();
	}

	@Test
	void aServerThatNeverAnswersFailsThePingWithinItsTimeout() throws Exception {
		callerOfTheService();
		try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
			Thread acceptor = new Thread(() -> {
				try {
					this.accepted.add(silent.accept());
				}
				catch (IOException ex) {
					// Closed at the end of the test.
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
			ClientPinger pinger = pinger("/actuator/health", HttpPinger.Healthy.ANY_ANSWER_BELOW_500,
					SILENT_SERVER_TIMEOUT);
			// The JDK factory has no read timeout: only the ping's own bound ends this.
			assertTimeoutPreemptively(Duration.ofSeconds(10),
					() -> assertThatExceptionOfType(SocketTimeoutException.class)
						.isThrownBy(() -> pinger.ping(instance(silent.getLocalPort()))));
		}
	}

	@Test
	void thePingGoesThroughTheClientThatSentToTheService() throws Exception {
		JdkClientHttpRequestFactory caller = new JdkClientHttpRequestFactory();
		SentRequests.forClientBeingBuilt().sent("127.0.0.1", this.backend.port());
		this.clients.capture(caller);
		SentRequests.forClientBeingBuilt().sent("127.0.0.1", 1);
		JdkClientHttpRequestFactory other = new JdkClientHttpRequestFactory();
		this.held.add(other);
		this.clients.capture(other);
		assertThat(pinger("/actuator/health", HttpPinger.Healthy.SUCCESS_ONLY).ping(instance(this.backend.port())))
			.isTrue();
		// The caller's next request finds the ping's connection in its pool.
		try (ClientHttpResponse response = caller
			.createRequest(URI.create("http://127.0.0.1:" + this.backend.port() + "/whoami"), HttpMethod.GET)
			.execute()) {
			assertThat(response.getStatusCode().value()).isEqualTo(200);
		}
		assertThat(this.backend.acceptedConnections()).isEqualTo(1);
	}

	@Test
	void clientsNotSeenCallingTheServiceLeaveThePingOnItsOwnSocket() throws Exception {
		JdkClientHttpRequestFactory first = new JdkClientHttpRequestFactory();
		JdkClientHttpRequestFactory second = new JdkClientHttpRequestFactory();
		this.clients.capture(first);
		this.clients.capture(second);
		ClientPinger pinger = pinger("/actuator/health", HttpPinger.Healthy.SUCCESS_ONLY);
		assertThat(pinger.ping(instance(this.backend.port()))).isTrue();
		assertThat(pinger.ping(instance(this.backend.port()))).isTrue();
		// The socket ping closes its connection: two pings, two connections, none held.
		assertThat(this.backend.acceptedConnections()).isEqualTo(2);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.backend.openConnections()).isZero());
	}

	/**
	 * Captures a JDK request factory whose {@code RestClient} named the service, as
	 * Spring Boot's builders and the starter's customizers would.
	 */
	private JdkClientHttpRequestFactory callerOfTheService() {
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory();
		this.held.add(factory);
		this.clients.capture(factory);
		SentRequests.takeForFactoryCaptured().called(URI.create("http://backend/whoami"));
		return factory;
	}

	private ClientPinger pinger(String healthPath, HttpPinger.Healthy healthy) {
		return pinger(healthPath, healthy, TIMEOUT);
	}

	private ClientPinger pinger(String healthPath, HttpPinger.Healthy healthy, Duration timeout) {
		HttpPinger socketPinger = new HttpPinger(new HealthUris(healthPath, HealthUris.MANAGEMENT_PORT_KEY), timeout,
				healthy, (SslBundle) null);
		return new ClientPinger(socketPinger, healthy, timeout, this.pings);
	}

	private static ServiceInstance instance(int port) {
		return new DefaultServiceInstance("s1", "backend", "127.0.0.1", port, false);
	}

}
