package io.github.servermanager.core;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
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
	void firstDeadlineUnderSpreadIsAPointWithinOneInterval() {
		// Interval: 256 s plus a stagger of 0; the point drawn in it: 100 s.
		ScriptedRandom random = ScriptedRandom.returning(0, 100 * SECOND);
		RebalanceSchedule schedule = new RebalanceSchedule(manager(random, 16_384, 1), RebalanceSpread.SPREAD, false,
				T0);
		assertThat(schedule.deadlineNanos()).isEqualTo(T0 + 100 * SECOND);
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
		// Constructed: interval 256 s + 0, point 200 s. Re-armed for four servers:
		// interval 120 s + 0, point 30 s.
		ScriptedRandom random = ScriptedRandom.returning(0, 200 * SECOND, 0, 30 * SECOND);
		ServerManager<TestServer> manager = manager(random, 16_384, 1);
		RebalanceSchedule schedule = new RebalanceSchedule(manager, RebalanceSpread.SPREAD, true, T0);
		addServers(manager, 3);
		long now = T0 + 10 * SECOND;
		assertThat(schedule.isDue(now)).isFalse();
		assertThat(schedule.deadlineNanos()).isEqualTo(now + 30 * SECOND);
		assertThat(random.bounds()).containsExactly(128 * SECOND, 256 * SECOND, 60 * SECOND, 120 * SECOND);
	}

	@Test
	void membershipChangeNeverPostponesTheDeadline() {
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

	private static void addServers(ServerManager<TestServer> manager, int count) {
		int first = manager.numServers();
		for (int i = first; i < first + count; i++) {
			manager.addServer(TestServer.named("server-" + i));
		}
	}

}
