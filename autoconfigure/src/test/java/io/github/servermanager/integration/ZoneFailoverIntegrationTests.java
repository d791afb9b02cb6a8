package io.github.servermanager.integration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.servermanager.actuate.ManagedServiceHealthIndicator;
import io.github.servermanager.actuate.ServerManagerMetrics;
import io.github.servermanager.actuate.ZoneDescriptor;
import io.github.servermanager.core.RebalanceOutcome;
import io.github.servermanager.service.ManagedService;
import io.github.servermanager.service.ServerManagerRegistry;
import io.github.servermanager.testsupport.Backend;
import io.github.servermanager.testsupport.ClientApplication;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real backends in three zones on loopback, registered with their zone in discovery
 * metadata, and real client applications in two of them.
 */
class ZoneFailoverIntegrationTests {

	private static final int REQUESTS = 20;

	private final List<Backend> zoneA = new ArrayList<>();

	private final List<Backend> zoneB = new ArrayList<>();

	private final List<Backend> zoneC = new ArrayList<>();

	private final List<ConfigurableApplicationContext> clients = new ArrayList<>();

	@BeforeEach
	void startBackends() throws Exception {
		this.zoneA.add(Backend.start("a1"));
		this.zoneA.add(Backend.start("a2"));
		this.zoneB.add(Backend.start("b1"));
		this.zoneB.add(Backend.start("b2"));
		this.zoneC.add(Backend.start("c1"));
	}

	@AfterEach
	void stopEverything() {
		this.clients.forEach(ConfigurableApplicationContext::close);
		this.zoneA.forEach(Backend::close);
		this.zoneB.forEach(Backend::close);
		this.zoneC.forEach(Backend::close);
	}

	@Test
	void noRequestCrossesZonesWhileALocalServerAnswers() {
		Client a1 = startClient("zone-a", "spring.cloud.loadbalancer.retry.enabled=false");
		Client a2 = startClient("zone-a", "spring.cloud.loadbalancer.retry.enabled=false");
		Client b = startClient("zone-b", "spring.cloud.loadbalancer.retry.enabled=false");
		for (Client client : List.of(a1, a2, b)) {
			assertThat(client.send(REQUESTS).failed()).isZero();
		}
		assertThat(a1.served()).allMatch((name) -> name.startsWith("a"));
		assertThat(a2.served()).allMatch((name) -> name.startsWith("a"));
		assertThat(b.served()).allMatch((name) -> name.startsWith("b"));
		// One local server stops: its clients move to the other local one, not across.
		backend("a1").stop();
		backend("b1").stop();
		for (Client client : List.of(a1, a2, b)) {
			assertThat(client.send(REQUESTS).failed()).isLessThanOrEqualTo(1);
		}
		assertThat(a1.served()).allMatch((name) -> name.startsWith("a"));
		assertThat(a2.served()).allMatch((name) -> name.startsWith("a"));
		assertThat(b.served()).allMatch((name) -> name.startsWith("b"));
		assertThat(requestsTo(this.zoneB)).isEqualTo(b.served().size());
		assertThat(requestsTo(this.zoneC)).isZero();
		assertThat(a1.zone().local()).isTrue();
	}

	@Test
	void aStoppedZoneFailsOverToTheConfiguredZoneWithoutAFailedRequestWhenRetriesCoverIt() {
		List<Client> clients = List.of(retryingClient(), retryingClient());
		clients.forEach((client) -> client.send(REQUESTS));
		this.zoneA.forEach(Backend::stop);
		for (Client client : clients) {
			int before = client.served().size();
			assertThat(client.send(REQUESTS).failed()).isZero();
			assertThat(client.served().subList(before, client.served().size())).containsOnly("c1");
			assertThat(client.zone()).isEqualTo(new ZoneDescriptor("zone-a", "zone-c", false));
			Health health = new ManagedServiceHealthIndicator(client.service()).health();
			assertThat(health.getDetails()).containsEntry("localZone", "zone-a").containsEntry("inLocalZone", false);
			assertThat(client.inLocalZoneGauge()).isZero();
		}
		assertThat(requestsTo(this.zoneB)).isZero();
	}

	@Test
	void withoutRetryAStoppedZoneCostsEachClientOneFailedRequestThenAnotherZoneServes() {
		List<Client> clients = List.of(startClient("zone-a", "spring.cloud.loadbalancer.retry.enabled=false"),
				startClient("zone-a", "spring.cloud.loadbalancer.retry.enabled=false"));
		clients.forEach((client) -> client.send(REQUESTS));
		this.zoneA.forEach(Backend::stop);
		for (Client client : clients) {
			Result result = client.send(REQUESTS);
			assertThat(result.failed()).isOne();
			List<String> served = client.served();
			assertThat(served.subList(served.size() - (REQUESTS - 1), served.size()))
				.allMatch((name) -> name.startsWith("b") || name.startsWith("c"));
		}
	}

	@Test
	void withTheFailoverCheckOffEachStoppedLocalServerFailsOneRequestAsInConsul() {
		Client client = startClient("zone-a", "spring.cloud.loadbalancer.retry.enabled=false",
				"server-manager.failover-check=false");
		client.send(REQUESTS);
		this.zoneA.forEach(Backend::stop);
		Result result = client.send(REQUESTS);
		assertThat(result.failed()).isEqualTo(this.zoneA.size());
		List<String> served = client.served();
		assertThat(served.subList(served.size() - (REQUESTS - result.failed()), served.size()))
			.allMatch((name) -> name.startsWith("b") || name.startsWith("c"));
	}

	@Test
	void aClientReturnsToItsZoneAtTheNextRebalanceOnceAServerThereAnswers() throws Exception {
		Client client = retryingClient();
		client.send(REQUESTS);
		int a1Port = backend("a1").port();
		this.zoneA.forEach(Backend::stop);
		client.send(REQUESTS);
		assertThat(client.zone().local()).isFalse();
		Backend restarted = Backend.start("a1", a1Port);
		this.zoneA.add(restarted);
		// Sticky until the next rebalance: the front stays in zone-c.
		client.send(REQUESTS);
		assertThat(restarted.requests()).isZero();
		assertThat(client.service().rebalanceNow().outcome()).isEqualTo(RebalanceOutcome.HEALTHY);
		assertThat(client.zone()).isEqualTo(new ZoneDescriptor("zone-a", "zone-a", true));
		assertThat(client.inLocalZoneGauge()).isOne();
		int crossZoneBefore = requestsTo(this.zoneC);
		assertThat(client.send(REQUESTS).failed()).isZero();
		assertThat(restarted.requests()).isEqualTo(REQUESTS);
		assertThat(requestsTo(this.zoneC)).isEqualTo(crossZoneBefore);
	}

	private Client retryingClient() {
		// Spring Cloud LoadBalancer's default retry: once on the next instance.
		return startClient("zone-a", "server-manager.zone-failover-order=zone-c");
	}

	private Client startClient(String zone, String... properties) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		int index = 0;
		for (List<Backend> backends : List.of(this.zoneA, this.zoneB, this.zoneC)) {
			for (Backend backend : backends) {
				String prefix = "spring.cloud.discovery.client.simple.instances." + ClientApplication.SERVICE + "["
						+ index++ + "].";
				defaults.put(prefix + "uri", backend.uri());
				defaults.put(prefix + "instance-id", backend.name());
				defaults.put(prefix + "metadata.zone", "zone-" + backend.name().charAt(0));
			}
		}
		defaults.put("spring.application.name", "client");
		defaults.put("server-manager.membership-refresh", "10m");
		defaults.put("spring.cloud.loadbalancer.zone", zone);
		defaults.put("spring.main.banner-mode", "off");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ClientApplication.class)
			.web(WebApplicationType.NONE)
			.properties(defaults)
			.properties(properties)
			.run();
		this.clients.add(context);
		return new Client(context);
	}

	private Backend backend(String name) {
		List<Backend> all = new ArrayList<>(this.zoneA);
		all.addAll(this.zoneB);
		all.addAll(this.zoneC);
		return all.stream().filter((backend) -> backend.name().equals(name)).findFirst().orElseThrow();
	}

	private static int requestsTo(List<Backend> zone) {
		return zone.stream().mapToInt(Backend::requests).sum();
	}

	private record Result(int failed) {

	}

	/** One client application and what it was served. */
	private static final class Client {

		private final ConfigurableApplicationContext context;

		private final RestTemplate restTemplate;

		private final List<String> served = new ArrayList<>();

		Client(ConfigurableApplicationContext context) {
			this.context = context;
			this.restTemplate = context.getBean(RestTemplate.class);
		}

		Result send(int requests) {
			int failed = 0;
			for (int i = 0; i < requests; i++) {
				try {
					this.served.add(this.restTemplate.getForObject("http://backend/whoami", String.class));
				}
				catch (RestClientException ex) {
					failed++;
				}
			}
			return new Result(failed);
		}

		List<String> served() {
			return this.served;
		}

		ManagedService service() {
			return this.context.getBean(ServerManagerRegistry.class).find(ClientApplication.SERVICE).orElseThrow();
		}

		ZoneDescriptor zone() {
			ZoneDescriptor zone = ZoneDescriptor.of(service());
			assertThat(zone).isNotNull();
			return zone;
		}

		double inLocalZoneGauge() {
			return this.context.getBean(MeterRegistry.class)
				.get(ServerManagerMetrics.IN_LOCAL_ZONE)
				.tag("service", ClientApplication.SERVICE)
				.gauge()
				.value();
		}

	}

}
