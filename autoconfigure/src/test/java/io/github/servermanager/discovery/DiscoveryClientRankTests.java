package io.github.servermanager.discovery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.github.servermanager.core.ClientRank;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import static org.assertj.core.api.Assertions.assertThat;

class DiscoveryClientRankTests {

	/** Listed out of order: the rank is by instance id. */
	private final List<ServiceInstance> instances = List.of(instance("c", 8083, "zone-b"),
			instance("a", 8081, "zone-a"), instance("d", 8084, "zone-a"), instance("b", 8082, "zone-b"));

	private final DiscoveryClient discovery = new DiscoveryClient() {

		@Override
		public String description() {
			return "test";
		}

		@Override
		public List<ServiceInstance> getInstances(String serviceId) {
			return "client".equals(serviceId) ? DiscoveryClientRankTests.this.instances : List.of();
		}

		@Override
		public List<String> getServices() {
			return List.of("client");
		}

	};

	@Test
	void theRankIsThePlaceAmongTheApplicationsInstancesSortedById() {
		DiscoveryClientRank rank = rank((instance) -> instance.getPort() == 8083, null);
		assertThat(rank.get()).isNull();
		rank.refreshIfStale();
		assertThat(rank.get()).isEqualTo(new ClientRank(2, 4));
	}

	@Test
	void withAZoneOnlyTheInstancesOfThatZoneAreRanked() {
		DiscoveryClientRank rank = rank((instance) -> "d".equals(instance.getInstanceId()), "Zone-A");
		rank.refreshIfStale();
		assertThat(rank.get()).isEqualTo(new ClientRank(1, 2));
	}

	@Test
	void anApplicationNotFoundAmongItsInstancesHasNoRank() {
		DiscoveryClientRank rank = rank((instance) -> false, null);
		rank.refreshIfStale();
		assertThat(rank.get()).isNull();
	}

	@Test
	void withoutARegistrationTheInstanceOnThisMachineAtTheWebServerPortIsThisApplication() {
		LocalInstance self = new LocalInstance(() -> null, () -> 8082);
		assertThat(self.test(instance("b", 8082, "zone-b"))).isTrue();
		assertThat(self.test(instance("c", 8083, "zone-b"))).isFalse();
		assertThat(new LocalInstance(() -> null, () -> 0).test(instance("b", 8082, "zone-b"))).isFalse();
	}

	private DiscoveryClientRank rank(Predicate<ServiceInstance> self, @Nullable String zone) {
		return new DiscoveryClientRank(this.discovery, "client", self, zone, Duration.ofMinutes(1));
	}

	private static ServiceInstance instance(String id, int port, String zone) {
		return new DefaultServiceInstance(id, "client", "127.0.0.1", port, false, Map.of("zone", zone));
	}

}
