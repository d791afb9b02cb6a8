package io.github.servermanager.actuate;

import java.util.List;
import java.util.Map;

import io.github.servermanager.core.ClientRank;
import io.github.servermanager.service.ServerManagerRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.actuate.endpoint.SimpleHttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.SimpleStatusAggregator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the {@code servermanager} composite follows the registry, and what each service's
 * health says.
 */
class ServerManagerHealthContributorTests {

	private static final ServiceInstance ONE = new DefaultServiceInstance("one", "svc", "127.0.0.1", 9001, false);

	private static final ServiceInstance TWO = new DefaultServiceInstance("two", "svc", "127.0.0.1", 9002, false);

	private final ServerManagerRegistry registry = new ServerManagerRegistry();

	private final ServerManagerHealthContributor contributor = new ServerManagerHealthContributor(this.registry);

	@Test
	void serviceStartedAfterTheContributorAppearsAndLeavesWithIt() {
		assertThat(this.contributor.stream()).isEmpty();
		try (RunningService ignored = start("svc", ONE, TWO)) {
			assertThat(this.contributor.stream()).extracting(HealthContributors.Entry::name).containsExactly("svc");
			assertThat(this.contributor.getContributor("svc")).isNotNull();
		}
		assertThat(this.contributor.stream()).isEmpty();
		assertThat(this.contributor.getContributor("svc")).isNull();
	}

	@Test
	void serviceWithAnAnsweringFrontServerIsUpWithItsActiveServer() {
		try (RunningService running = start("svc", ONE, TWO)) {
			Health health = health("svc");
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			String front = running.service().manager().servers().get(0).getInstanceId();
			assertThat(health.getDetails()).containsEntry("active", front)
				.containsEntry("aperture", List.of(Map.of("server", front, "share", 1.0)))
				.doesNotContainKey("slice")
				.containsEntry("numServers", 2)
				.containsEntry("offline", false);
		}
	}

	@Test
	void serviceWithAnApertureListsTheServersThatShareTheRequests() {
		// 3 clients over 5 servers: rank 1 takes a fifth, three fifths and a fifth of
		// the requests of three servers.
		try (RunningService running = RunningService.startWith(this.registry, "svc", List.of(),
				RunningService.aperture(new ClientRank(1, 3)), ONE, TWO, instance("three", 9003),
				instance("four", 9004), instance("five", 9005))) {
			Health health = health("svc");
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			List<String> head = running.service()
				.manager()
				.servers()
				.subList(0, 3)
				.stream()
				.map(ServiceInstance::getInstanceId)
				.toList();
			assertThat(health.getDetails()).containsEntry("active", head.get(0))
				.containsEntry("numServers", 5)
				.containsEntry("slice", Map.of("index", 1, "clients", 3));
			assertThat(health.getDetails().get("aperture")).asInstanceOf(InstanceOfAssertFactories.LIST)
				.satisfiesExactly((server) -> assertThat(server).isEqualTo(share(head.get(0), 0.2)),
						(server) -> assertThat(server).isEqualTo(share(head.get(1), 0.6)),
						(server) -> assertThat(server).isEqualTo(share(head.get(2), 0.2)));
		}
	}

	@Test
	void serviceWithoutServersIsOfflineWithoutFailingTheHealth() {
		try (RunningService ignored = start("svc")) {
			Health health = health("svc");
			assertThat(health.getStatus()).isEqualTo(ManagedServiceHealthIndicator.OFFLINE);
			assertThat(health.getDetails()).doesNotContainKeys("active", "aperture")
				.containsEntry("numServers", 0)
				.containsEntry("offline", true);
		}
	}

	@Test
	void serviceWhoseServersDidNotAnswerTheLastRebalanceIsOffline() {
		try (RunningService running = RunningService.start(this.registry, "svc", List.of(), (instance) -> false, ONE,
				TWO)) {
			running.service().rebalanceNow();
			Health health = health("svc");
			assertThat(health.getStatus()).isEqualTo(ManagedServiceHealthIndicator.OFFLINE);
			assertThat(health.getDetails()).containsEntry("offline", true).containsEntry("numServers", 2);
		}
	}

	@Test
	void offlineStatusIsLeftOutOfSpringBootsAggregation() {
		assertThat(new SimpleStatusAggregator().getAggregateStatus(Status.UP, ManagedServiceHealthIndicator.OFFLINE))
			.isEqualTo(Status.UP);
		assertThat(new SimpleHttpCodeStatusMapper().getStatusCode(ManagedServiceHealthIndicator.OFFLINE))
			.isEqualTo(200);
	}

	@Test
	void offlineServiceIsDownWhenAskedToFail() {
		ServerManagerHealthContributor failing = new ServerManagerHealthContributor(this.registry, true);
		try (RunningService running = RunningService.start(this.registry, "svc", List.of(), (instance) -> false, ONE,
				TWO)) {
			running.service().rebalanceNow();
			Health health = ((HealthIndicator) failing.getContributor("svc")).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("offline", true);
		}
	}

	@Test
	void servicesAreListedByServiceId() {
		try (RunningService b = start("bravo", ONE); RunningService a = start("alpha", ONE)) {
			assertThat(this.contributor.stream()).extracting(HealthContributors.Entry::name)
				.containsExactly("alpha", "bravo");
		}
	}

	private static ServiceInstance instance(String id, int port) {
		return new DefaultServiceInstance(id, "svc", "127.0.0.1", port, false);
	}

	/** A server of the aperture as the details show it, its share to the last digit. */
	private static Map<String, Object> share(String server, double share) {
		return Map.of("server", server, "share", share);
	}

	private Health health(String serviceId) {
		HealthIndicator indicator = (HealthIndicator) this.contributor.getContributor(serviceId);
		assertThat(indicator).isNotNull();
		Health health = indicator.health();
		assertThat(health).isNotNull();
		return health;
	}

	private RunningService start(String serviceId, ServiceInstance... instances) {
		return RunningService.start(this.registry, serviceId, List.of(), instances);
	}

}
