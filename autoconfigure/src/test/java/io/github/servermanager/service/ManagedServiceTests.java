package io.github.servermanager.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

import io.github.servermanager.core.ApertureSelection;
import io.github.servermanager.core.ClientRank;
import io.github.servermanager.core.FrontSelection;
import io.github.servermanager.core.RebalanceOutcome;
import io.github.servermanager.core.RebalanceResult;
import io.github.servermanager.discovery.ServiceInstanceKeys;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a managed service records and reports around its manager.
 */
class ManagedServiceTests {

	private final FakeClock clock = new FakeClock();

	@Test
	void rebalanceNowRecordsTheResultAndArmsTheNextDeadline() {
		ManagedService service = TestServices.service((instance) -> true, this.clock);
		service.manager().syncServers(TestServices.instances(3));
		this.clock.advance(Duration.ofSeconds(10));
		RebalanceResult<ServiceInstance> result = service.rebalanceNow();
		RebalanceRecord last = service.lastRebalance();
		assertThat(last.outcome()).isEqualTo(RebalanceOutcome.HEALTHY);
		assertThat(last.chosen()).isSameAs(result.chosen());
		assertThat(last.pings()).isOne();
		assertThat(last.when()).isEqualTo(this.clock.now());
		assertThat(service.nextRebalanceAt()).isEqualTo(this.clock.now().plus(service.rebalanceInterval()));
		assertThat(service.rebalanceInterval()).isBetween(Duration.ofMinutes(2), Duration.ofMinutes(3));
	}

	@Test
	void observersHearRebalancesAndTimedPings() {
		List<String> events = new ArrayList<>();
		ServerManagerObserver observer = new ServerManagerObserver() {

			@Override
			public void rebalanced(String serviceId, RebalanceResult<ServiceInstance> result) {
				events.add("rebalanced " + serviceId + " " + result.outcome());
			}

			@Override
			public void pinged(String serviceId, ServiceInstance instance, boolean healthy, long nanos) {
				events.add("pinged " + ServiceInstanceKeys.keyOf(instance) + " " + healthy + " " + nanos);
			}

		};
		ManagedService service = TestServices.service((instance) -> {
			this.clock.advance(Duration.ofMillis(5));
			return false;
		}, this.clock, observer);
		service.manager().syncServers(TestServices.instances(2));
		service.rebalanceNow();
		assertThat(events).hasSize(3)
			.allMatch((event) -> !event.startsWith("pinged") || event.endsWith(" false 5000000"))
			.last()
			.isEqualTo("rebalanced backend OFFLINE");
	}

	@Test
	void failingObserverDoesNotStopTheRebalance() {
		ServerManagerObserver failing = new ServerManagerObserver() {

			@Override
			public void rebalanced(String serviceId, RebalanceResult<ServiceInstance> result) {
				throw new IllegalStateException("observer bug");
			}

		};
		ManagedService service = TestServices.service((instance) -> true, this.clock, failing);
		service.manager().syncServers(TestServices.instances(2));
		assertThat(service.rebalanceNow().outcome()).isEqualTo(RebalanceOutcome.HEALTHY);
		assertThat(service.lastRebalance()).isNotNull();
	}

	@Test
	void rotateFrontMovesTheFrontToTheEnd() {
		ManagedService service = TestServices.service();
		service.manager().syncServers(TestServices.instances(3));
		ServiceInstance front = service.manager().findServer();
		ServiceInstance next = service.rotateFront();
		assertThat(next).isNotSameAs(front).isSameAs(service.manager().findServer());
		assertThat(service.manager().servers()).last().isSameAs(front);
	}

	@Test
	void serviceIsDueOnlyOnceItsDeadlinePassed() {
		ManagedService service = TestServices.service((instance) -> true, this.clock);
		service.manager().syncServers(TestServices.instances(3));
		assertThat(service.isDue()).isFalse();
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(service.isDue()).isTrue();
		service.rebalanceNow();
		assertThat(service.isDue()).isFalse();
	}

	@Test
	void aRankLearntAfterTheFirstOrderMakesTheServiceDueAndTheRebalanceTakesTheSlice() {
		AtomicReference<@Nullable ClientRank> rank = new AtomicReference<>();
		ApertureSelection<ServiceInstance> aperture = new ApertureSelection<>(ServiceInstanceKeys::keyOf, rank::get,
				() -> 0L, 64, FrontSelection.random(new SplittableRandom(1)), Duration.ofMinutes(2));
		ManagedService service = new ManagedService(TestServices.SERVICE, ServiceSettings.defaults(),
				(instance) -> true, () -> 2, List.of(), TestServices.EXECUTOR, this.clock, new SplittableRandom(1),
				aperture);
		service.manager().syncServers(TestServices.instances(4));
		assertThat(service.manager().aperture().size()).isOne();
		assertThat(service.isDue()).isFalse();
		rank.set(new ClientRank(0, 2));
		assertThat(service.isDue()).isTrue();
		service.runScheduledRebalance();
		assertThat(service.isDue()).isFalse();
		assertThat(service.manager().aperture().servers()).extracting(ServiceInstanceKeys::keyOf)
			.containsExactly("s1", "s2");
	}

}
