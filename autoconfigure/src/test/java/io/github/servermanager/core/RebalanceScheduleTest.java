package io.github.servermanager.core;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * The deadline logic, driven by a virtual clock: times are plain nanosecond values.
 */
class RebalanceScheduleTest {

	private static final long SECOND = 1_000_000_000L;

	private static final long T0 = 5 * SECOND;

	@Test
	void firstDeadlineUnderConsulIsMinReuseFromNow() {
		RebalanceSchedule schedule = new RebalanceSchedule(manager(ScriptedRandom.unused(), 1, 3),
				RebalanceSpread.CONSUL, false, T0);
		assertThat(schedule.deadlineNanos()).isEqualTo(T0 + 120 * SECOND);
		assertThat(schedule.interval()).isEqualTo(Duration.ofSeconds(120));
		assertThat(schedule.spread()).isEqualTo(RebalanceSpread.CONSUL);
	}

	@Test
	void isNotDueBeforeTheDeadline() {
		RebalanceSchedule schedule = new RebalanceSchedule(manager(ScriptedRandom.unused(), 1, 3),
				RebalanceSpread.CONSUL, false, T0);
		assertThat(schedule.isDue(T0 + 120 * SECOND - 1)).isFalse();
	}

	@Test
	void isDueFromTheDeadlineOn() {
		RebalanceSchedule schedule = new RebalanceSchedule(manager(ScriptedRandom.unused(), 1, 3),
				RebalanceSpread.CONSUL, false, T0);
		assertThat(schedule.isDue(T0 + 120 * SECOND)).isTrue();
		assertThat(schedule.isDue(T0 + 500 * SECOND)).isTrue();
	}

	@Test
	void isDueWorksAcrossTheNanoClockOverflow() {
		long start = Long.MAX_VALUE - 60 * SECOND;
		RebalanceSchedule schedule = new RebalanceSchedule(manager(ScriptedRandom.unused(), 1, 3),
				RebalanceSpread.CONSUL, false, start);
		assertThat(schedule.isDue(start + 119 * SECOND)).isFalse();
		assertThat(schedule.isDue(start + 120 * SECOND)).isTrue();
	}

	@Test
	void rebalancedArmsTheNextDeadlineFromNextRebalanceDelay() {
		RebalanceSchedule schedule = new RebalanceSchedule(manager(ScriptedRandom.returning(7 * SECOND), 1, 3),
				RebalanceSpread.CONSUL, false, T0);
		long now = T0 + 121 * SECOND;
		assertThat(schedule.rebalanced(now)).isEqualTo(Duration.ofSeconds(127));
		assertThat(schedule.deadlineNanos()).isEqualTo(now + 127 * SECOND);
		assertThat(schedule.isDue(now + 126 * SECOND)).isFalse();
	}

	@Test
	void firstDeadlineUnderSpreadIsMinReusePlusAPointWithinOneInterval() {
		// Interval: 256 s plus a stagger of 0; the point drawn in it: 100 s.
		ScriptedRandom random = ScriptedRandom.returning(0, 100 * SECOND);
		RebalanceSchedule schedule = new RebalanceSchedule(manager(random, 16_384, 1), RebalanceSpread.SPREAD, false,
				T0);
		assertThat(schedule.deadlineNanos()).isEqualTo(T0 + 220 * SECOND);
		assertThat(random.bounds()).containsExactly(128 * SECOND, 256 * SECOND);
	}

	@Test
	void rebalancedUnderSpreadStaggersAfterRateScaling() {
		ScriptedRandom random = ScriptedRandom.returning(0, 100 * SECOND, 10 * SECOND);
		RebalanceSchedule schedule = new RebalanceSchedule(manager(random, 16_384, 1), RebalanceSpread.SPREAD, false,
				T0);
		assertThat(schedule.rebalanced(T0 + 100 * SECOND)).isEqualTo(Duration.ofSeconds(266));
	}

	@Test
	void membershipChangeBringsTheDeadlineForwardWhenRearmIsOn() {
		// 16384 clients on one server wait 256 s; on four servers, 120 s plus the
		// stagger.
		ServerManager<TestServer> manager = manager(ScriptedRandom.returning(0, 5 * SECOND), 16_384, 1);
		RebalanceSchedule schedule = new RebalanceSchedule(manager, RebalanceSpread.CONSUL, true, T0);
		schedule.rebalanced(T0);
		assertThat(schedule.deadlineNanos()).isEqualTo(T0 + 256 * SECOND);
		addServers(manager, 3);
		long now = T0 + 10 * SECOND;
		assertThat(schedule.isDue(now)).isFalse();
		assertThat(schedule.deadlineNanos()).isEqualTo(now + 125 * SECOND);
		assertThat(schedule.interval()).isEqualTo(Duration.ofSeconds(125));
	}

	@Test
	void membershipChangeUnderSpreadRedrawsAPointWithinTheNewInterval() {
		// Constructed: interval 256 s + 0, point 10 s, so due at T0 + 130 s. Re-armed for
		// four servers at T0 + 125 s, past the min-reuse floor: interval 120 s + 0, point
		// 30 s.
		ScriptedRandom random = ScriptedRandom.returning(0, 10 * SECOND, 0, 30 * SECOND);
		ServerManager<TestServer> manager = manager(random, 16_384, 1);
		RebalanceSchedule schedule = new RebalanceSchedule(manager, RebalanceSpread.SPREAD, true, T0);
		addServers(manager, 3);
		long now = T0 + 125 * SECOND;
		assertThat(schedule.isDue(now)).isFalse();
		assertThat(schedule.deadlineNanos()).isEqualTo(now + 30 * SECOND);
		assertThat(random.bounds()).containsExactly(128 * SECOND, 256 * SECOND, 60 * SECOND, 120 * SECOND);
	}

	@Test
	void membershipChangeUnderSpreadRedrawsEvenWhenThatIsLater() {
		// Constructed for one server: 120 s + a point of 10 s in 256 s. Re-armed for four
		// servers at T0 + 125 s: a point of 100 s in 120 s, after the old deadline.
		ScriptedRandom random = ScriptedRandom.returning(0, 10 * SECOND, 0, 100 * SECOND);
		ServerManager<TestServer> manager = manager(random, 16_384, 1);
		RebalanceSchedule schedule = new RebalanceSchedule(manager, RebalanceSpread.SPREAD, true, T0);
		addServers(manager, 3);
		long now = T0 + 125 * SECOND;
		assertThat(schedule.isDue(now)).isFalse();
		assertThat(schedule.deadlineNanos()).isEqualTo(now + 100 * SECOND);
		assertThat(schedule.interval()).isEqualTo(Duration.ofSeconds(100));
	}

	@Test
	void membershipChangeUnderSpreadComesNoEarlierThanMinReuseAfterTheLastRebalance() {
		// Rebalanced at T0 + 300 s; ten seconds later the count changes and the point
		// drawn is 0 s. The deadline moves to the floor, 120 s after the rebalance.
		ScriptedRandom random = ScriptedRandom.returning(0, 0, 0, 0, 0);
		ServerManager<TestServer> manager = manager(random, 16_384, 1);
		RebalanceSchedule schedule = new RebalanceSchedule(manager, RebalanceSpread.SPREAD, true, T0);
		long rebalancedAt = T0 + 300 * SECOND;
		schedule.rebalanced(rebalancedAt);
		addServers(manager, 3);
		schedule.membershipChanged(rebalancedAt + 10 * SECOND);
		assertThat(schedule.deadlineNanos()).isEqualTo(rebalancedAt + 120 * SECOND);
		assertThat(schedule.isDue(rebalancedAt + 119 * SECOND)).isFalse();
	}

	@Test
	void membershipChangeOfANewManagerUnderSpreadComesNoEarlierThanMinReuseAfterItStarted() {
		// Constructed at T0 (interval 256 s + 0, point 200 s); at T0 + 10 s the count
		// changes and the point drawn is 5 s: due at T0 + 120 s, not T0 + 15 s.
		ScriptedRandom random = ScriptedRandom.returning(0, 200 * SECOND, 0, 5 * SECOND);
		ServerManager<TestServer> manager = manager(random, 16_384, 1);
		RebalanceSchedule schedule = new RebalanceSchedule(manager, RebalanceSpread.SPREAD, true, T0);
		addServers(manager, 3);
		schedule.membershipChanged(T0 + 10 * SECOND);
		assertThat(schedule.deadlineNanos()).isEqualTo(T0 + 120 * SECOND);
		assertThat(schedule.interval()).isEqualTo(Duration.ofSeconds(110));
	}

	@Test
	void membershipChangeUnderSpreadKeepsADrawBeyondTheFloor() {
		// Rebalanced at T0 + 300 s; at T0 + 310 s the point drawn is 115 s, beyond the
		// floor at T0 + 420 s: it stands.
		ScriptedRandom random = ScriptedRandom.returning(0, 0, 0, 0, 115 * SECOND);
		ServerManager<TestServer> manager = manager(random, 16_384, 1);
		RebalanceSchedule schedule = new RebalanceSchedule(manager, RebalanceSpread.SPREAD, true, T0);
		schedule.rebalanced(T0 + 300 * SECOND);
		addServers(manager, 3);
		schedule.membershipChanged(T0 + 310 * SECOND);
		assertThat(schedule.deadlineNanos()).isEqualTo(T0 + 425 * SECOND);
	}

	@Test
	void noReArmEverBringsARebalanceCloserThanMinReuseAfterTheLastOne() {
		for (RebalanceSpread spread : RebalanceSpread.values()) {
			RandomGenerator random = TestServer.seeded(11);
			ServerManager<TestServer> manager = manager(random, 50_000, 3);
			long now = T0;
			RebalanceSchedule schedule = new RebalanceSchedule(manager, spread, true, now);
			long lastRebalance = now;
			for (int step = 0; step < 5_000; step++) {
				now += random.nextLong(20 * SECOND);
				if (random.nextInt(3) == 0) {
					int servers = 1 + random.nextInt(8);
					manager.syncServers(TestServer.named(names(servers)));
					schedule.membershipChanged(now);
				}
				if (schedule.isDue(now)) {
					assertThat(now - lastRebalance).as("%s, step %d", spread, step)
						.isGreaterThanOrEqualTo(120 * SECOND);
					schedule.rebalanced(now);
					lastRebalance = now;
				}
				assertThat(schedule.deadlineNanos() - lastRebalance).as("%s, step %d", spread, step)
					.isGreaterThanOrEqualTo(120 * SECOND);
			}
		}
	}

	@Test
	void offlineRebalanceRechecksOnABackOffThatDoublesUpToTheInterval() {
		// Spread, one server, 1 client: the interval is 120 s + a stagger (0 here). Each
		// offline step draws the interval, then its own stagger of up to step / 2.
		ScriptedRandom random = ScriptedRandom.returning(0, 0, 0, 0, 0, SECOND, 0, 0, 0, 0, 0, 0, 0);
		ServerManager<TestServer> manager = manager(random, 1, 1);
		RebalanceSchedule schedule = new RebalanceSchedule(manager, RebalanceSpread.SPREAD, true, T0);
		long now = T0 + 200 * SECOND;
		assertThat(schedule.rebalanced(now, RebalanceOutcome.OFFLINE)).isEqualTo(Duration.ofSeconds(5));
		assertThat(schedule.deadlineNanos()).isEqualTo(now + 5 * SECOND);
		assertThat(schedule.isRecheckingOffline()).isTrue();
		assertThat(schedule.rebalanced(now, RebalanceOutcome.OFFLINE)).isEqualTo(Duration.ofSeconds(11));
		assertThat(schedule.rebalanced(now, RebalanceOutcome.OFFLINE)).isEqualTo(Duration.ofSeconds(20));
		assertThat(schedule.rebalanced(now, RebalanceOutcome.OFFLINE)).isEqualTo(Duration.ofSeconds(40));
		assertThat(schedule.rebalanced(now, RebalanceOutcome.OFFLINE)).isEqualTo(Duration.ofSeconds(80));
		assertThat(schedule.rebalanced(now, RebalanceOutcome.OFFLINE)).isEqualTo(Duration.ofSeconds(120));
		assertThat(random.exhausted()).isTrue();
	}

	@Test
	void healthyRebalanceEndsTheBackOff() {
		ScriptedRandom random = ScriptedRandom.returning(0, 0, 0, 0, 0, 0, 0, 0, 0);
		ServerManager<TestServer> manager = manager(random, 1, 1);
		RebalanceSchedule schedule = new RebalanceSchedule(manager, RebalanceSpread.SPREAD, true, T0);
		schedule.rebalanced(T0, RebalanceOutcome.OFFLINE);
		schedule.rebalanced(T0, RebalanceOutcome.OFFLINE);
		assertThat(schedule.rebalanced(T0, RebalanceOutcome.HEALTHY)).isEqualTo(Duration.ofSeconds(120));
		assertThat(schedule.isRecheckingOffline()).isFalse();
		assertThat(schedule.rebalanced(T0, RebalanceOutcome.OFFLINE)).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void offlineRecheckIsConfigurable() {
		ScriptedRandom random = ScriptedRandom.returning(0, 0, 0);
		ServerManager<TestServer> manager = manager(random, 1, 1);
		RebalanceSchedule schedule = new RebalanceSchedule(manager, RebalanceSpread.CONSUL, true,
				Duration.ofSeconds(30), T0);
		assertThat(schedule.rebalanced(T0, RebalanceOutcome.OFFLINE)).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void membershipChangeKeepsTheBackOffDeadline() {
		ScriptedRandom random = ScriptedRandom.returning(0, 0, 0, 0);
		ServerManager<TestServer> manager = manager(random, 1, 1);
		RebalanceSchedule schedule = new RebalanceSchedule(manager, RebalanceSpread.SPREAD, true, T0);
		schedule.rebalanced(T0, RebalanceOutcome.OFFLINE);
		addServers(manager, 2);
		schedule.membershipChanged(T0 + SECOND);
		assertThat(schedule.deadlineNanos()).isEqualTo(T0 + 5 * SECOND);
	}

	@Test
	void offlineRecheckMustBePositive() {
		ServerManager<TestServer> manager = manager(ScriptedRandom.unused(), 1, 1);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RebalanceSchedule(manager, RebalanceSpread.CONSUL, true, Duration.ZERO, T0))
			.withMessageContaining("offlineRecheck");
	}

	@Test
	void firstMembershipUnderSpreadArmsAFirstDeadlineForTheServersThatArrived() {
		// Constructed empty: 120 s + a point of 0 in 120 s. The first membership (one
		// server, 16384 clients) starts over: 120 s + a point of 200 s in 256 s.
		ScriptedRandom random = ScriptedRandom.returning(0, 0, 0, 200 * SECOND);
		ServerManager<TestServer> manager = manager(random, 16_384, 0);
		RebalanceSchedule schedule = new RebalanceSchedule(manager, RebalanceSpread.SPREAD, false, T0);
		assertThat(schedule.deadlineNanos()).isEqualTo(T0 + 120 * SECOND);
		addServers(manager, 1);
		long now = T0 + SECOND;
		schedule.membershipChanged(now);
		assertThat(schedule.deadlineNanos()).isEqualTo(now + 320 * SECOND);
		assertThat(schedule.isDue(now + 319 * SECOND)).isFalse();
		assertThat(schedule.isDue(now + 320 * SECOND)).isTrue();
	}

	@Test
	void membershipChangeUnderConsulNeverPostponesTheDeadline() {
		ServerManager<TestServer> manager = manager(ScriptedRandom.returning(0), 1, 1);
		RebalanceSchedule schedule = new RebalanceSchedule(manager, RebalanceSpread.CONSUL, true, T0);
		addServers(manager, 1);
		assertThat(schedule.isDue(T0 + 100 * SECOND)).isFalse();
		assertThat(schedule.deadlineNanos()).isEqualTo(T0 + 120 * SECOND);
		assertThat(schedule.isDue(T0 + 120 * SECOND)).isTrue();
	}

	@Test
	void membershipChangeKeepsTheDeadlineWhenRearmIsOff() {
		ServerManager<TestServer> manager = manager(ScriptedRandom.returning(0), 16_384, 1);
		RebalanceSchedule schedule = new RebalanceSchedule(manager, RebalanceSpread.CONSUL, false, T0);
		schedule.rebalanced(T0);
		addServers(manager, 3);
		assertThat(schedule.isDue(T0 + 10 * SECOND)).isFalse();
		assertThat(schedule.deadlineNanos()).isEqualTo(T0 + 256 * SECOND);
	}

	@Test
	void losingEveryServerKeepsTheDeadline() {
		ServerManager<TestServer> manager = manager(ScriptedRandom.returning(0), 16_384, 1);
		RebalanceSchedule schedule = new RebalanceSchedule(manager, RebalanceSpread.CONSUL, true, T0);
		schedule.rebalanced(T0);
		manager.syncServers(List.of());
		assertThat(schedule.isDue(T0 + 10 * SECOND)).isFalse();
		assertThat(schedule.deadlineNanos()).isEqualTo(T0 + 256 * SECOND);
	}

	@Test
	void scheduleRejectsNullArguments() {
		ServerManager<TestServer> manager = manager(ScriptedRandom.unused(), 1, 1);
		assertThatNullPointerException()
			.isThrownBy(() -> new RebalanceSchedule(null, RebalanceSpread.CONSUL, false, T0))
			.withMessageContaining("manager");
		assertThatNullPointerException().isThrownBy(() -> new RebalanceSchedule(manager, null, false, T0))
			.withMessageContaining("spread");
	}

	private static ServerManager<TestServer> manager(RandomGenerator random, int clusterSize, int servers) {
		ServerManager<TestServer> manager = TestServer.builder().random(random).clusterSize(() -> clusterSize).build();
		addServers(manager, servers);
		return manager;
	}

	private static String[] names(int count) {
		String[] names = new String[count];
		for (int i = 0; i < count; i++) {
			names[i] = "server-" + i;
		}
		return names;
	}

	private static void addServers(ServerManager<TestServer> manager, int count) {
		int first = manager.numServers();
		for (int i = first; i < first + count; i++) {
			manager.addServer(TestServer.named("server-" + i));
		}
	}

}
