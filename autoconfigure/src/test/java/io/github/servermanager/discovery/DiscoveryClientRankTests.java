package io.github.servermanager.discovery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import io.github.servermanager.core.ClientRank;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
	void aCallerThatFindsARankingUnderWayWaitsForItsAnswer() throws Exception {
		CountDownLatch asked = new CountDownLatch(1);
		CountDownLatch answer = new CountDownLatch(1);
		AtomicInteger calls = new AtomicInteger();
		DiscoveryClient slow = new DiscoveryClient() {

			@Override
			public String description() {
				return "slow";
			}

			@Override
			public List<ServiceInstance> getInstances(String serviceId) {
				calls.incrementAndGet();
				asked.countDown();
				try {
					answer.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return DiscoveryClientRankTests.this.instances;
			}

			@Override
			public List<String> getServices() {
				return List.of("client");
			}

		};
		DiscoveryClientRank rank = new DiscoveryClientRank(slow, "client", (instance) -> instance.getPort() == 8083,
				null, Duration.ofMinutes(1));
		Thread first = new Thread(rank::refreshIfStale);
		first.start();
		asked.await(10, TimeUnit.SECONDS);
		AtomicReference<@Nullable ClientRank> seenBySecond = new AtomicReference<>();
		Thread second = new Thread(() -> {
			rank.refreshIfStale();
			seenBySecond.set(rank.get());
		});
		second.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> second.getState() == Thread.State.BLOCKED);
		answer.countDown();
		first.join(10_000);
		second.join(10_000);
		assertThat(seenBySecond.get()).isEqualTo(new ClientRank(2, 4));
		assertThat(calls).hasValue(1);
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
