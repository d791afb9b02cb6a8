package io.github.servermanager.integration.eureka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.github.servermanager.testsupport.LoopbackHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.web.client.RestClientException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Zones as a Eureka user sets them up: backends register their zone in
 * {@code eureka.instance.metadata-map.zone}, and the client application names its own
 * zone in one application property, nothing else (no key of the starter's, no bean).
 * <p>
 * Each test registers two backends in zone-a and two in zone-b under a service id of its
 * own, and starts its own client in zone-a that serves its actuator endpoints over HTTP.
 * Spring Retry is not on this module's classpath, so a request that meets a stopped
 * server fails for the caller.
 */
class EurekaZoneTests {

	/**
	 * Registration, one registry fetch and one membership pull, with room for a slow CI.
	 */
	private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(20);

	private static final int REQUESTS = 20;

	private static EurekaServer server;

	private final List<EurekaBackend> zoneA = new ArrayList<>();

	private final List<EurekaBackend> zoneB = new ArrayList<>();

	private EurekaClientApplication client;

	@BeforeAll
	static void startEureka() {
		server = EurekaServer.start();
	}

	@AfterAll
	static void stopEureka() {
		if (server != null) {
			server.close();
		}
	}

	@AfterEach
	void stopClientAndBackends() {
		if (this.client != null) {
			this.client.close();
		}
		// A Eureka client takes about a second to deregister and shut down: do them
		// together.
		List<EurekaBackend> backends = new ArrayList<>(this.zoneA);
		backends.addAll(this.zoneB);
		backends.parallelStream().forEach(EurekaBackend::close);
	}

	/**
	 * The client's zone comes from the key Eureka users already set to register their own
	 * zone, or from Spring Cloud LoadBalancer's zone preference key; the instances' zones
	 * come from the metadata they registered with.
	 * @param clientZoneKey the one property that gives the client its zone
	 * @throws Exception when the endpoint cannot be read
	 */
	@ParameterizedTest(name = "client zone from {0}")
	@ValueSource(strings = { "eureka.instance.metadata-map.zone", "spring.cloud.loadbalancer.zone" })
	void staysInItsZoneThenFailsOverWithOneFailedRequestWhenTheWholeZoneStops(String clientZoneKey) throws Exception {
		String service = "zoned-" + Integer.toHexString(clientZoneKey.hashCode());
		this.zoneA.add(startBackend(service, "a1", "zone-a"));
		this.zoneA.add(startBackend(service, "a2", "zone-a"));
		this.zoneB.add(startBackend(service, "b1", "zone-b"));
		this.zoneB.add(startBackend(service, "b2", "zone-b"));
		this.client = EurekaClientApplication.start(server,
				Map.of(clientZoneKey, "zone-a", "spring.main.web-application-type", "servlet", "server.port", 0,
						"management.endpoints.web.exposure.include", "servermanager"));
		await().atMost(DISCOVERY_TIMEOUT).untilAsserted(() -> assertThat(this.client.instanceIds(service)).hasSize(4));

		// Both zones healthy: every request stays in zone-a.
		List<String> served = new ArrayList<>();
		assertThat(send(service, served)).isZero();
		assertThat(served).hasSize(REQUESTS).allMatch((name) -> name.endsWith("-a1") || name.endsWith("-a2"));
		assertThat(requestsTo(this.zoneB)).isZero();
		assertThat(zoneState(service)).isEqualTo(new ZoneState("zone-a", "zone-a", true));

		// Every zone-a server stops answering but stays registered and renews its lease,
		// so Eureka still lists it: only the failed request tells the client.
		this.zoneA.forEach(EurekaBackend::stopServing);
		served.clear();
		int failed = send(service, served);

		// The failed request starts the failover check, which skips the other stopped
		// zone-a server: one failed request, not one per zone-a server.
		assertThat(failed).isOne();
		assertThat(served).hasSize(REQUESTS - 1).allMatch((name) -> name.endsWith("-b1") || name.endsWith("-b2"));
		assertThat(requestsTo(this.zoneB)).isEqualTo(REQUESTS - 1);
		assertThat(zoneState(service)).satisfies((state) -> {
			assertThat(state.localZone()).isEqualTo("zone-a");
			assertThat(state.frontZone()).isEqualTo("zone-b");
			assertThat(state.local()).isFalse();
		});
	}

	private static EurekaBackend startBackend(String service, String name, String zone) {
		return EurekaBackend.start(server, service, service + "-" + name,
				Map.of("eureka.instance.metadata-map.zone", zone));
	}

	/**
	 * Sends {@link #REQUESTS} requests to the service.
	 * @param service the service
	 * @param served where the instance ids of the backends that answered go
	 * @return how many requests failed
	 */
	private int send(String service, List<String> served) {
		int failed = 0;
		for (int i = 0; i < REQUESTS; i++) {
			try {
				served.add(this.client.call(service));
			}
			catch (RestClientException ex) {
				failed++;
			}
		}
		return failed;
	}

	private static int requestsTo(List<EurekaBackend> zone) {
		return zone.stream().mapToInt(EurekaBackend::requests).sum();
	}

	/**
	 * Reads the service's zone state from the client's {@code servermanager} endpoint, as
	 * an operator would.
	 */
	private ZoneState zoneState(String service) throws Exception {
		String body = new LoopbackHttp(this.client.port()).get("/actuator/servermanager/" + service);
		DocumentContext json = JsonPath.parse(body);
		return new ZoneState(json.read("$.zone.localZone"), json.read("$.zone.frontZone"),
				json.read("$.zone.local", Boolean.class));
	}

	private record ZoneState(String localZone, String frontZone, boolean local) {

	}

}
