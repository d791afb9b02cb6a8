package io.github.servermanager.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerManagerRebalanceDelayTest {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void nextRebalanceDelayWithNoServersIsMinReusePlusTheStagger() {
		ScriptedRandom random = ScriptedRandom.returning(7 * SECOND);
		ServerManager<TestServer> manager = TestServer.builder().random(random).clusterSize(() -> 1_000_000).build();
		assertThat(manager.nextRebalanceDelay()).isEqualTo(Duration.ofSeconds(127));
		assertThat(random.bounds()).containsExactly(60 * SECOND);
	}

	@Test
	void nextRebalanceDelayStaggersByMinReuseOverJitterFraction() {
		ScriptedRandom random = ScriptedRandom.returning(SECOND);
		ServerManager<TestServer> manager = withServers(
				builder(random, 1).minReuse(Duration.ofSeconds(10)).jitterFraction(4), 3);
		assertThat(manager.nextRebalanceDelay()).isEqualTo(Duration.ofSeconds(11));
		assertThat(random.bounds()).containsExactly(2_500_000_000L);
	}

	@Test
	void nextRebalanceDelayOfASmallClusterStaysWithinTwoToThreeMinutes() {
		ServerManager<TestServer> manager = withServers(builder(TestServer.seeded(7), 100), 3);
		List<Duration> delays = draw(manager, 1000);
		assertThat(delays).allSatisfy((delay) -> assertThat(delay).isGreaterThanOrEqualTo(Duration.ofSeconds(120))
			.isLessThan(Duration.ofSeconds(180)));
		// ... and uses the whole window, so that clients drift apart.
		assertThat(Collections.min(delays)).isLessThan(Duration.ofSeconds(121));
		assertThat(Collections.max(delays)).isGreaterThan(Duration.ofSeconds(179));
	}

	@Test
	void sixteenThousandNodesOnOneServerWaitAtLeastFourMinutes() {
		ServerManager<TestServer> manager = withServers(builder(TestServer.seeded(7), 16_384), 1);
		// 16384 clients / 64 connections per second = 256 s, whatever the stagger drew.
		assertThat(draw(manager, 100)).allSatisfy((delay) -> assertThat(delay).isEqualTo(Duration.ofSeconds(256))
			.isGreaterThanOrEqualTo(Duration.ofMinutes(4)));
	}

	@Test
	void aMillionNodesOnNineteenServersWaitAtLeastTenMinutes() {
		ServerManager<TestServer> manager = withServers(builder(TestServer.seeded(7), 1_000_000), 19);
		Duration expected = Duration.ofNanos((long) (1e9 * 1_000_000 / (19 * 64.0)));
		assertThat(draw(manager, 100)).allSatisfy(
				(delay) -> assertThat(delay).isEqualTo(expected).isGreaterThanOrEqualTo(Duration.ofMinutes(10)));
	}

	@Test
	void nextRebalanceDelayShrinksWhenServersJoin() {
		ServerManager<TestServer> manager = withServers(builder(ScriptedRandom.returning(0, 0), 16_384), 1);
		assertThat(manager.nextRebalanceDelay()).isEqualTo(Duration.ofSeconds(256));
		manager.addServer(TestServer.named("second"));
		assertThat(manager.nextRebalanceDelay()).isEqualTo(Duration.ofSeconds(128));
	}

	@Test
	void nextRebalanceDelayReadsTheClusterSizeEachTime() {
		AtomicInteger clusterSize = new AtomicInteger(64 * 200);
		ServerManager<TestServer> manager = TestServer.managerWith(
				TestServer.builder().random(ScriptedRandom.returning(0, 0)).clusterSize(clusterSize::get),
				List.of(TestServer.named("only")));
		assertThat(manager.nextRebalanceDelay()).isEqualTo(Duration.ofSeconds(200));
		clusterSize.set(64 * 300);
		assertThat(manager.nextRebalanceDelay()).isEqualTo(Duration.ofSeconds(300));
	}

	@Test
	void connsPerSecPerServerSetsTheClusterWideRate() {
		ServerManager<TestServer> manager = withServers(
				builder(ScriptedRandom.returning(0), 600).connsPerSecPerServer(1), 2);
		assertThat(manager.nextRebalanceDelay()).isEqualTo(Duration.ofSeconds(300));
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

	private static List<Duration> draw(ServerManager<TestServer> manager, int count) {
		List<Duration> delays = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			delays.add(manager.nextRebalanceDelay());
		}
		return delays;
	}

}
