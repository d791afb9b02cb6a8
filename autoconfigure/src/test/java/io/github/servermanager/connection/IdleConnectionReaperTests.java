package io.github.servermanager.connection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;

import io.github.servermanager.loadbalancer.ManagedService;
import io.github.servermanager.loadbalancer.ServerManagerClock;
import io.github.servermanager.loadbalancer.ServiceSettings;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the reaper closes idle connections, and when it leaves them.
 */
class IdleConnectionReaperTests {

	private static final Duration GRACE = Duration.ofMillis(500);

	private static final Duration PING_TIMEOUT = Duration.ofSeconds(1);

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private final ServiceInstance s1 = instance("s1", 9001);

	private final ServiceInstance s2 = instance("s2", 9002);

	private final ManualScheduler scheduler = new ManualScheduler();

	private final List<ServerAddress> closed = new ArrayList<>();

	private final ConnectionPools pools = new ConnectionPools();

	private final Object pool = new Object();

	private final List<ManagedService> services = new ArrayList<>();

	IdleConnectionReaperTests() {
		this.pools.register(this.pool, (registered, address) -> this.closed.add(address));
	}

	@Test
	void closesIdleConnectionsToTheOldFrontOnceTheGracePeriodEnded() {
		ManagedService a = serviceWithFront("a", this.s2, this.s1);
		IdleConnectionReaper reaper = reaper((serviceId) -> true);
		reaper.frontChanged(a.serviceId(), this.s1, this.s2);
		assertThat(this.scheduler.at).containsExactly(NOW.plus(GRACE));
		assertThat(this.closed).isEmpty();
		this.scheduler.runAll();
		assertThat(this.closed).containsExactly(new ServerAddress("127.0.0.1", 9001));
	}

	@Test
	void keepsConnectionsToAServerThatIsTheFrontOfAnotherService() {
		ManagedService a = serviceWithFront("a", this.s2, this.s1);
		serviceWithFront("b", instance("b1", 9001), this.s2);
		IdleConnectionReaper reaper = reaper((serviceId) -> true);
		reaper.frontChanged(a.serviceId(), this.s1, this.s2);
		this.scheduler.runAll();
		assertThat(this.closed).isEmpty();
	}

	@Test
	void keepsConnectionsToAServerThatCameBackToTheFrontDuringTheGracePeriod() {
		ManagedService a = serviceWithFront("a", this.s1, this.s2);
		IdleConnectionReaper reaper = reaper((serviceId) -> true);
		reaper.frontChanged(a.serviceId(), this.s1, this.s2);
		this.scheduler.runAll();
		assertThat(this.closed).isEmpty();
	}

	@Test
	void leavesConnectionsAloneForAServiceThatOptedOut() {
		ManagedService a = serviceWithFront("a", this.s2, this.s1);
		IdleConnectionReaper reaper = reaper((serviceId) -> !serviceId.equals("a"));
		reaper.frontChanged(a.serviceId(), this.s1, this.s2);
		assertThat(this.scheduler.tasks).isEmpty();
	}

	@Test
	void aNewFrontOnTheSameAddressClosesNothing() {
		ManagedService a = serviceWithFront("a", this.s1);
		IdleConnectionReaper reaper = reaper((serviceId) -> true);
		reaper.frontChanged(a.serviceId(), instance("old-id", 9001), this.s1);
		assertThat(this.scheduler.tasks).isEmpty();
	}

	@Test
	void aServiceThatLostItsLastServerClosesConnectionsToIt() {
		ManagedService a = serviceWithFront("a");
		IdleConnectionReaper reaper = reaper((serviceId) -> true);
		reaper.frontChanged(a.serviceId(), this.s1, null);
		this.scheduler.runAll();
		assertThat(this.closed).containsExactly(new ServerAddress("127.0.0.1", 9001));
	}

	@Test
	void aCloseLeftFromAnEarlierMoveSparesTheServerBeingPingedUntilItIsFront() {
		ManagedService a = serviceWithFront("a", this.s2, this.s1);
		IdleConnectionReaper reaper = reaper((serviceId) -> true);
		reaper.frontChanged(a.serviceId(), this.s1, this.s2);
		reaper.pinging(ServerAddress.of(this.s1), PING_TIMEOUT);
		this.scheduler.runAll();
		assertThat(this.closed).isEmpty();
		assertThat(this.scheduler.at).last().isEqualTo(NOW.plus(PING_TIMEOUT).plus(GRACE));
		a.rotateFront();
		reaper.frontChanged(a.serviceId(), this.s2, this.s1);
		this.scheduler.now = NOW.plus(PING_TIMEOUT).plus(GRACE);
		this.scheduler.runAll();
		assertThat(this.closed).containsExactly(new ServerAddress("127.0.0.1", 9002));
	}

	@Test
	void aPingedServerThatDidNotBecomeFrontIsClosedOnceItIsNoLongerSpared() {
		serviceWithFront("a", this.s2, this.s1);
		IdleConnectionReaper reaper = reaper((serviceId) -> true);
		reaper.pinging(ServerAddress.of(this.s1), PING_TIMEOUT);
		reaper.closeUnlessFront(ServerAddress.of(this.s1));
		assertThat(this.closed).isEmpty();
		this.scheduler.now = NOW.plus(PING_TIMEOUT).plus(GRACE);
		this.scheduler.runAll();
		assertThat(this.closed).containsExactly(new ServerAddress("127.0.0.1", 9001));
	}

	@Test
	void aFailedPingClosesTheConnectionItLeftAfterTheGracePeriod() {
		serviceWithFront("a", this.s2, this.s1);
		IdleConnectionReaper reaper = reaper((serviceId) -> true);
		reaper.pinging(ServerAddress.of(this.s1), PING_TIMEOUT);
		reaper.pingFailed(ServerAddress.of(this.s1));
		assertThat(this.scheduler.at).containsExactly(NOW.plus(GRACE));
		this.scheduler.runAll();
		assertThat(this.closed).containsExactly(new ServerAddress("127.0.0.1", 9001));
	}

	@Test
	void managedServicesTellTheirObserversWhenTheFrontMoves() {
		List<String> moves = new ArrayList<>();
		ManagedService a = new ManagedService("a", ServiceSettings.defaults(), (instance) -> true, () -> 1,
				List.of(new io.github.servermanager.loadbalancer.ServerManagerObserver() {

					@Override
					public void frontChanged(String serviceId, ServiceInstance previous, ServiceInstance current) {
						moves.add(serviceId + ":" + ((previous != null) ? previous.getInstanceId() : null) + "->"
								+ ((current != null) ? current.getInstanceId() : null));
					}

				}), ServerManagerClock.SYSTEM, new SplittableRandom(1));
		a.manager().addServer(this.s1);
		a.manager().addServer(this.s2);
		a.rotateFront();
		a.manager().removeServer(this.s2);
		assertThat(moves).containsExactly("a:null->s1", "a:s1->s2", "a:s2->s1");
	}

	private ManagedService serviceWithFront(String serviceId, ServiceInstance... servers) {
		ManagedService service = new ManagedService(serviceId, ServiceSettings.defaults(), (instance) -> true, () -> 1,
				List.of(), ServerManagerClock.SYSTEM, new SplittableRandom(1));
		for (ServiceInstance server : servers) {
			service.manager().addServer(server);
		}
		this.services.add(service);
		return service;
	}

	private IdleConnectionReaper reaper(java.util.function.Predicate<String> enabled) {
		return new IdleConnectionReaper(this.pools, () -> this.services, enabled, GRACE, this.scheduler);
	}

	private static ServiceInstance instance(String id, int port) {
		return new DefaultServiceInstance(id, "any", "127.0.0.1", port, false);
	}

	/** Keeps what is scheduled until the test runs it. */
	private static final class ManualScheduler implements TaskScheduler {

		private final List<Runnable> tasks = new ArrayList<>();

		private final List<Instant> at = new ArrayList<>();

		private Instant now = NOW;

		void runAll() {
			List<Runnable> due = new ArrayList<>(this.tasks);
			this.tasks.clear();
			due.forEach(Runnable::run);
		}

		@Override
		public Clock getClock() {
			return Clock.fixed(this.now, ZoneOffset.UTC);
		}

		@Override
		public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
			this.tasks.add(task);
			this.at.add(startTime);
			return null;
		}

		@Override
		public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
			throw new UnsupportedOperationException();
		}

		@Override
		public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
			throw new UnsupportedOperationException();
		}

		@Override
		public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
			throw new UnsupportedOperationException();
		}

		@Override
		public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
			throw new UnsupportedOperationException();
		}

		@Override
		public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
			throw new UnsupportedOperationException();
		}

	}

}
