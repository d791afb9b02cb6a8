package io.github.servermanager.actuate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.servermanager.testsupport.Backends;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The aperture as a running application shows it over HTTP and in its meters: the client
 * is the second of three instances of its application in discovery, so with the default
 * front selection it spreads its requests over three of the five servers of its service.
 * <p>
 * The first request may take the servers before the client has ranked itself, and then
 * starts on a random front; the scheduler rebalances onto the aperture once the rank is
 * known, which is why the tests wait for it.
 */
class ApertureObservabilityIntegrationTests {

	private static Backends backends;

	private static ObservedApplication app;

	@BeforeAll
	static void start() throws IOException {
		backends = Backends.start(5);
		int port = freePort();
		// The instances are ranked by key: c0, this client, c2.
		String clients = "spring.cloud.discovery.client.simple.instances.client";
		app = ObservedApplication.start(Map.of("spread", backends), "server.port=" + port,
				"management.endpoint.health.show-details=always", clients + "[0].uri=http://127.0.0.1:1",
				clients + "[0].instance-id=c0", clients + "[1].uri=http://127.0.0.1:" + port,
				clients + "[1].instance-id=c1", clients + "[2].uri=http://127.0.0.1:2", clients + "[2].instance-id=c2");
		app.whoami("spread");
		await().atMost(Duration.ofSeconds(10)).until(() -> app.service("spread").manager().aperture().size() == 3);
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		if (backends != null) {
			backends.close();
		}
	}

	@Test
	void endpointShowsTheServersThatShareTheRequestsAndTheClientsSlice() {
		JsonNode service = app.get("/actuator/servermanager/spread").json();
		JsonNode servers = service.at("/aperture/servers");
		assertThat(servers.size()).isEqualTo(3);
		List<String> head = new ArrayList<>();
		List<Double> shares = new ArrayList<>();
		for (int i = 0; i < servers.size(); i++) {
			head.add(service.at("/servers/" + i + "/instanceId").asString());
			assertThat(servers.get(i).at("/server").asString()).isEqualTo(head.get(i));
			shares.add(servers.get(i).at("/share").asDouble());
		}
		assertThat(shares).satisfiesExactly((share) -> assertThat(share).isCloseTo(0.2, within(1e-9)),
				(share) -> assertThat(share).isCloseTo(0.6, within(1e-9)),
				(share) -> assertThat(share).isCloseTo(0.2, within(1e-9)));
		JsonNode slice = service.at("/aperture/slice");
		assertThat(slice.at("/index").asInt()).isOne();
		assertThat(slice.at("/clients").asInt()).isEqualTo(3);
		assertThat(slice.at("/start").asDouble()).isCloseTo(1.0 / 3, within(1e-9));
		assertThat(slice.at("/end").asDouble()).isCloseTo(2.0 / 3, within(1e-9));
		assertThat(service.at("/servers/0/active").asBoolean()).isTrue();
		assertThat(service.at("/servers/1/active").asBoolean()).isFalse();
	}

	@Test
	void requestsGoToTheServersOfTheAperture() {
		// A new round may move the aperture meanwhile: then the requests are sent again.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			List<String> aperture = apertureServers();
			List<String> answered = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				answered.add(app.whoami("spread"));
			}
			assertThat(apertureServers()).isEqualTo(aperture);
			assertThat(answered).hasSameElementsAs(aperture);
		});
	}

	private static List<String> apertureServers() {
		List<String> aperture = new ArrayList<>();
		app.get("/actuator/servermanager/spread")
			.json()
			.at("/aperture/servers")
			.forEach((server) -> aperture.add(server.at("/server").asString()));
		return aperture;
	}

	@Test
	void healthDetailsListTheServersOfTheApertureWithTheirShares() {
		JsonNode health = app.get("/actuator/health/servermanager/spread").json();
		assertThat(health.at("/status").asString()).isEqualTo("UP");
		JsonNode aperture = health.at("/details/aperture");
		assertThat(aperture.size()).isEqualTo(3);
		assertThat(aperture.get(0).at("/server").asString()).isEqualTo(health.at("/details/active").asString());
		assertThat(aperture.get(1).at("/share").asDouble()).isCloseTo(0.6, within(1e-9));
	}

	@Test
	void apertureGaugeCountsTheServersThatShareTheRequests() {
		assertThat(app.bean(MeterRegistry.class)
			.get(ServerManagerMetrics.APERTURE_SERVERS)
			.tag("service", "spread")
			.gauge()
			.value()).isEqualTo(3);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
