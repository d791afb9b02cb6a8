package io.github.servermanager.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delays each spread draws, one behaviour per test. A schedule under the spread draws
 * twice when it is created (the interval's stagger, then a point in it): the scripts
 * below start with those two draws.
 */
class RebalanceSchedulePolicyTest {

	private static final long SECOND = 1_000_000_000L;

	private static final long T0 = 5 * SECOND;

	@Test
	void spreadDelayAddsTheStaggerAfterRateScaling() {
		ScriptedRandom random = ScriptedRandom.returning(0, 0, 10 * SECOND);
		RebalanceSchedule schedule = spread(random, 16_384, 1);
		assertThat(schedule.nextDelay()).isEqualTo(Duration.ofSeconds(266));
		assertThat(random.bounds()).containsExactly(128 * SECOND, 256 * SECOND, 128 * SECOND);
	}

	@Test
	void spreadDelayOfASmallClusterIsMinReusePlusTheStagger() {
		ScriptedRandom random = ScriptedRandom.returning(0, 0, 10 * SECOND);
		RebalanceSchedule schedule = spread(random, 100, 3);
		assertThat(schedule.nextDelay()).isEqualTo(Duration.ofSeconds(130));
		assertThat(random.bounds()).containsExactly(60 * SECOND, 120 * SECOND, 60 * SECOND);
	}

	@Test
	void consulDelayIsTheManagersNextRebalanceDelay() {
		RebalanceSchedule schedule = consul(ScriptedRandom.returning(10 * SECOND), 100, 3);
		assertThat(schedule.nextDelay()).isEqualTo(Duration.ofSeconds(130));
	}

	@Test
	void initialDelayUnderConsulIsExactlyMinReuse() {
		ServerManager<TestServer> manager = withServers(
				builder(ScriptedRandom.unused(), 16_384).minReuse(Duration.ofSeconds(90)), 1);
		RebalanceSchedule schedule = new RebalanceSchedule(manager, RebalanceSpread.CONSUL, true, T0);
		assertThat(schedule.initialDelay()).isEqualTo(Duration.ofSeconds(90));
		assertThat(schedule.deadlineNanos()).isEqualTo(T0 + 90 * SECOND);
	}

	@Test
	void initialDelayUnderSpreadIsMinReusePlusAPointOverOneWholeInterval() {
		// First draw: the stagger of the interval (30 s of 60 s), second: a point in it.
		ScriptedRandom random = ScriptedRandom.returning(30 * SECOND, 149 * SECOND);
		RebalanceSchedule schedule = spread(random, 100, 3);
		assertThat(schedule.deadlineNanos()).isEqualTo(T0 + 269 * SECOND);
		assertThat(random.bounds()).containsExactly(60 * SECOND, 150 * SECOND);
	}

	@Test
	void initialDelayUnderSpreadStaysWithinOneInterval() {
		RebalanceSchedule schedule = spread(TestServer.seeded(3), 16_384, 1);
		List<Duration> delays = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			delays.add(schedule.initialDelay());
		}
		// 120 s, then a point in an interval of 256 s plus a stagger of up to 128 s.
		assertThat(delays).allSatisfy((delay) -> assertThat(delay).isGreaterThanOrEqualTo(Duration.ofSeconds(120))
			.isLessThan(Duration.ofSeconds(504)));
		assertThat(Collections.min(delays)).isLessThan(Duration.ofSeconds(130));
		assertThat(Collections.max(delays)).isGreaterThan(Duration.ofSeconds(420));
	}

	@Test
	void membershipChangeDelayUnderSpreadIsAPointWithinOneNewInterval() {
		ScriptedRandom random = ScriptedRandom.returning(0, 0, 30 * SECOND, 149 * SECOND);
		RebalanceSchedule schedule = spread(random, 100, 3);
		assertThat(schedule.membershipChangeDelay()).isEqualTo(Duration.ofSeconds(149));
		assertThat(random.bounds()).endsWith(60 * SECOND, 150 * SECOND);
	}

	@Test
	void membershipChangeDelayUnderConsulIsAWholeInterval() {
		RebalanceSchedule schedule = consul(ScriptedRandom.returning(10 * SECOND), 100, 3);
		assertThat(schedule.membershipChangeDelay()).isEqualTo(Duration.ofSeconds(130));
	}

	private static RebalanceSchedule spread(RandomGenerator random, int clusterSize, int servers) {
		return new RebalanceSchedule(withServers(builder(random, clusterSize), servers), RebalanceSpread.SPREAD, true,
				T0);
	}

	private static RebalanceSchedule consul(RandomGenerator random, int clusterSize, int servers) {
		return new RebalanceSchedule(withServers(builder(random, clusterSize), servers), RebalanceSpread.CONSUL, true,
				T0);
	}

	private static ServerManager.Builder<TestServer> builder(RandomGenerator random, int clusterSize) {
		return TestServer.builder().random(random).clusterSize(() -> clusterSize);
	}

	private static ServerManager<TestServer> withServers(ServerManager.Builder<TestServer> builder, int servers) {
		ServerManager<TestServer> manager = builder.build();
		for (int i = 0; i < servers; i++) {
			manager.addServer(TestServer.named("server-" + i));
		}
		return manager;
	}

}
