package io.github.servermanager.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import io.github.servermanager.core.RebalanceOutcome;
import io.github.servermanager.core.RebalanceResult;
import io.github.servermanager.service.ManagedService;
import io.github.servermanager.service.ServerManagerClock;
import io.github.servermanager.service.ServerManagerExecutor;
import io.github.servermanager.service.ServerManagerRegistry;
import io.github.servermanager.discovery.ServiceInstanceKeys;
import io.github.servermanager.service.ServiceSettings;
import io.github.servermanager.ping.HttpPinger;
import io.github.servermanager.testsupport.Backend;
import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.ClientApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Forced rebalances against four real servers, pinged over HTTP as the starter does: the
 * front servers of many clients cover every healthy server, and never an unhealthy one.
 */
class RebalanceIntegrationTests {

	private static final int CLIENTS = 64;

	private Backends backends;

	@BeforeEach
	void startBackends() throws Exception {
		this.backends = Backends.start(4);
	}

	@AfterEach
	void stopBackends() {
		this.backends.close();
	}

	@Test
	void forcedRebalanceOverManyClientsPutsEveryServerInFrontOfSome() {
		Set<String> fronts = rebalanceClientsAndCollectFronts();
		assertThat(fronts).containsExactlyInAnyOrder("s1", "s2", "s3", "s4");
	}

	@Test
	void serverWhosePingFailsIsNeverChosen() {
		this.backends.named("s3").healthy(false);
		Set<String> fronts = rebalanceClientsAndCollectFronts();
		assertThat(fronts).containsExactlyInAnyOrder("s1", "s2", "s4");
		assertThat(this.backends.named("s3").pings()).isPositive();
	}

	@Test
	void forcedRebalanceMovesARunningClientToTheServerItChose() {
		try (ConfigurableApplicationContext client = ClientApplication.start(this.backends)) {
			RestClient restClient = client.getBean(RestClient.Builder.class).build();
			whoami(restClient);
			ManagedService service = client.getBean(ServerManagerRegistry.class)
				.find(ClientApplication.SERVICE)
				.orElseThrow();
			RebalanceResult<ServiceInstance> result = service.rebalanceNow();
			assertThat(result.outcome()).isEqualTo(RebalanceOutcome.HEALTHY);
			assertThat(whoami(restClient)).isEqualTo(ServiceInstanceKeys.keyOf(result.chosen()));
			assertThat(service.lastRebalance()).isNotNull();
			assertThat(service.nextRebalanceAt()).isAfter(service.lastRebalance().when());
		}
	}

	@Test
	void scheduledTickRebalancesARunningClient() {
		try (ConfigurableApplicationContext client = ClientApplication.start(this.backends,
				"server-manager.min-reuse=1s")) {
			whoami(client.getBean(RestClient.Builder.class).build());
			ManagedService service = client.getBean(ServerManagerRegistry.class)
				.find(ClientApplication.SERVICE)
				.orElseThrow();
			await().atMost(Duration.ofSeconds(10)).until(() -> service.lastRebalance() != null);
			assertThat(service.lastRebalance().outcome()).isEqualTo(RebalanceOutcome.HEALTHY);
			assertThat(this.backends.all().stream().mapToInt(Backend::pings).sum()).isPositive();
		}
	}

	private Set<String> rebalanceClientsAndCollectFronts() {
		List<ServiceInstance> instances = new ArrayList<>();
		for (Backend backend : this.backends.all()) {
			instances.add(new DefaultServiceInstance(backend.name(), ClientApplication.SERVICE, "127.0.0.1",
					backend.port(), false));
		}
		try (ServerManagerExecutor executor = new ServerManagerExecutor(1)) {
			HttpPinger pinger = new HttpPinger("/actuator/health", Duration.ofSeconds(1), executor.scheduler());
			Set<String> fronts = new HashSet<>();
			for (int client = 0; client < CLIENTS; client++) {
				ManagedService service = new ManagedService(ClientApplication.SERVICE, ServiceSettings.defaults(),
						pinger, () -> CLIENTS, List.of(), executor, ServerManagerClock.SYSTEM,
						new SplittableRandom(client), null);
				service.manager().syncServers(instances);
				service.rebalanceNow();
				fronts.add(ServiceInstanceKeys.keyOf(service.manager().findServer()));
			}
			return fronts;
		}
	}

	private static String whoami(RestClient restClient) {
		return restClient.get().uri("http://" + ClientApplication.SERVICE + "/whoami").retrieve().body(String.class);
	}

}
