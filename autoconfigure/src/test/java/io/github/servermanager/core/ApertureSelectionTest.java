package io.github.servermanager.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.github.servermanager.core.TestServer.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ApertureSelectionTest {

	private static final Duration ROUND = Duration.ofMinutes(2);

	private static final long ROUND_MILLIS = ROUND.toMillis();

	/** Discovery order differs from key order: the selection must sort. */
	private final List<TestServer> servers = named("s2", "s0", "s3", "s1");

	private final AtomicLong wallClock = new AtomicLong(1_000 * ROUND_MILLIS + 60_000);

	@ParameterizedTest(name = "{0} clients, {1} servers")
	@CsvSource({ "1, 10", "2, 10", "3, 10", "7, 10", "20, 5", "20, 20", "100, 10", "10000, 5", "21, 5" })
	void theClientsTileTheRingSoEveryServerGetsItsFairShare(int clients, int servers) {
		List<TestServer> ring = ring(servers);
		Map<String, Double> load = new HashMap<>();
		int maxConnections = 0;
		for (int i = 0; i < clients; i++) {
			Selection<TestServer> selection = ApertureSelection.slice(ring, new ClientRank(i, clients), 7);
			double total = selection.shares().stream().mapToDouble(Double::doubleValue).sum();
			for (int j = 0; j < selection.shares().size(); j++) {
				load.merge(selection.order().get(j).name(), selection.shares().get(j) / total, Double::sum);
			}
			maxConnections = Math.max(maxConnections, selection.shares().size());
			assertThat(new HashSet<>(selection.order())).hasSize(servers);
		}
		double fair = (double) clients / servers;
		double busiest = load.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
		double bound = (clients >= servers) ? Math.ceil(fair) / fair : 1.0;
		assertThat(load).hasSize(servers);
		assertThat(busiest / fair).isCloseTo(bound, within(1e-9));
		assertThat(maxConnections).isLessThanOrEqualTo((clients >= servers) ? 1 : ceilDiv(servers, clients) + 1);
	}

	@Test
	void aSliceCoversTheServersItOverlapsInProportion() {
		// 3 clients over 10 servers: the slice of rank 1 is [3.33, 6.67).
		Selection<TestServer> selection = ApertureSelection.slice(ring(10), new ClientRank(1, 3), 0);
		assertThat(TestServer.names(selection.order().subList(0, 4))).containsExactly("s03", "s04", "s05", "s06");
		assertThat(selection.shares()).containsExactly(2.0, 3.0, 3.0, 2.0);
	}

	@Test
	void eachRoundMovesEverySliceOneServerAlongTheRing() {
		List<TestServer> ring = ring(10);
		Selection<TestServer> now = ApertureSelection.slice(ring, new ClientRank(1, 3), 4);
		Selection<TestServer> next = ApertureSelection.slice(ring, new ClientRank(1, 3), 5);
		assertThat(TestServer.names(now.order().subList(0, 4))).containsExactly("s07", "s08", "s09", "s00");
		assertThat(TestServer.names(next.order().subList(0, 4))).containsExactly("s08", "s09", "s00", "s01");
		assertThat(next.shares()).isEqualTo(now.shares());
	}

	@Test
	void theClientsOfOneServerFallBackToDifferentServers() {
		List<TestServer> ring = ring(5);
		Set<String> fallbacks = new HashSet<>();
		for (int i = 0; i < 4; i++) {
			Selection<TestServer> selection = ApertureSelection.slice(ring, new ClientRank(i, 20), 0);
			assertThat(selection.order().get(0).name()).isEqualTo("s00");
			fallbacks.add(selection.order().get(1).name());
		}
		assertThat(fallbacks).containsExactlyInAnyOrder("s01", "s02", "s03", "s04");
	}

	@Test
	void theSelectionSortsTheServersByKey() {
		ApertureSelection<TestServer> selection = selection(new ClientRank(1, 4));
		Selection<TestServer> chosen = selection.select(this.servers);
		long round = selection.roundAt(this.wallClock.get(), new ClientRank(1, 4), 4);
		assertThat(chosen.order().get(0).name()).isEqualTo("s" + Math.floorMod(1 + round, 4));
		assertThat(chosen.shares()).containsExactly(1.0);
	}

	@Test
	void anUnknownRankFallsBackToTheOtherSelectionAndTheDrawnDelay() {
		ApertureSelection<TestServer> selection = new ApertureSelection<>(TestServer::name, () -> null,
				this.wallClock::get, 64, ApertureSelectionTest::byNameDescending, ROUND);
		assertThat(TestServer.names(selection.order(this.servers))).containsExactly("s3", "s2", "s1", "s0");
		assertThat(selection.select(this.servers).shares()).containsExactly(1.0);
		assertThat(selection.rebalanceDelay(Duration.ofSeconds(150), ROUND, 4)).isEqualTo(Duration.ofSeconds(150));
	}

	@Test
	void theRankIsTheOneTheLastSelectionWasMadeWith() {
		AtomicReference<@Nullable ClientRank> rank = new AtomicReference<>(new ClientRank(1, 4));
		ApertureSelection<TestServer> selection = new ApertureSelection<>(TestServer::name, rank::get,
				this.wallClock::get, 64, FrontSelection.random(TestServer.seeded(1)), ROUND);
		assertThat(selection.rank()).as("before the first selection").isNull();
		selection.select(this.servers);
		assertThat(selection.rank()).isEqualTo(new ClientRank(1, 4));
		rank.set(new ClientRank(2, 5));
		assertThat(selection.rank()).as("until the next selection").isEqualTo(new ClientRank(1, 4));
		selection.select(this.servers);
		assertThat(selection.rank()).isEqualTo(new ClientRank(2, 5));
		rank.set(null);
		selection.select(this.servers);
		assertThat(selection.rank()).as("after a selection without a rank").isNull();
	}

	@Test
	void aRankThatBecomesKnownOutdatesTheSelectionAtTheClientsPointOfTheBudgetWindow() {
		AtomicReference<@Nullable ClientRank> rank = new AtomicReference<>();
		ApertureSelection<TestServer> selection = new ApertureSelection<>(TestServer::name, rank::get,
				this.wallClock::get, 1, FrontSelection.random(TestServer.seeded(1)), ROUND);
		selection.select(this.servers);
		assertThat(selection.outdated(this.servers)).isFalse();
		// 8 clients over 4 servers at 1/s: a 4 s window, rank 1 at 2 s into it.
		rank.set(new ClientRank(1, 8));
		assertThat(selection.outdated(this.servers)).isFalse();
		this.wallClock.addAndGet(1_999);
		assertThat(selection.outdated(this.servers)).isFalse();
		this.wallClock.addAndGet(1);
		assertThat(selection.outdated(this.servers)).isTrue();
		selection.select(this.servers);
		assertThat(selection.outdated(this.servers)).isFalse();
	}

	@Test
	void serversThatJoinOrLeaveOutdateARankedSelection() {
		ApertureSelection<TestServer> selection = selection(new ClientRank(0, 2));
		selection.select(this.servers);
		assertThat(selection.outdated(named("s1", "s3", "s0", "s2"))).isFalse();
		assertThat(selection.outdated(named("s2", "s0", "s3", "s1", "s4"))).isTrue();
		assertThat(selection.outdated(named("s2", "s0", "s3"))).isTrue();
		assertThat(selection.outdated(named("s2", "s0", "s3", "s9"))).isTrue();
	}

	@Test
	void aSmallClusterSwitchesRoundsWithinTheBudgetWindowOfTheRoundStart() {
		// 8 clients over 4 servers at 64/s: a 62 ms window; rank 3 is the second of the
		// two clients of its server, half-way into it.
		ApertureSelection<TestServer> selection = selection(new ClientRank(3, 8));
		Duration delay = selection.rebalanceDelay(Duration.ofSeconds(150), ROUND, 4);
		assertThat(delay).isEqualTo(Duration.ofMillis(ROUND_MILLIS - 60_000 + 31));
	}

	@Test
	void theClientsOfEachServerSwitchAtPointsSpreadOverTheWholeWindow() {
		// 10,000 clients over 5 servers at 64/s: a 62.5 s window; the 2,000 clients of
		// server 0 (ranks 0 to 1,999) switch from its start to its end.
		this.wallClock.set(0);
		Duration round = Duration.ofMinutes(10);
		List<Long> offsets = new ArrayList<>();
		for (int rank : new int[] { 0, 500, 1_000, 1_999 }) {
			offsets.add(selection(new ClientRank(rank, 10_000)).rebalanceDelay(round, round, 5).toMillis()
					% round.toMillis());
		}
		assertThat(offsets).containsExactly(0L, 15_625L, 31_250L, 62_468L);
	}

	@Test
	void aLargeClusterSpreadsItsSwitchesOverTheWholeRoundAtTheBudget() {
		// 100,000 clients over 5 servers: the rate-scaled round of 312.5 s is the window.
		Duration round = Duration.ofMillis(312_500);
		this.wallClock.set(0);
		ApertureSelection<TestServer> middle = selection(new ClientRank(50_000, 100_000));
		assertThat(middle.rebalanceDelay(Duration.ofSeconds(400), round, 5)).isEqualTo(Duration.ofMillis(156_250));
		ApertureSelection<TestServer> first = selection(new ClientRank(0, 100_000));
		assertThat(first.rebalanceDelay(Duration.ofSeconds(400), round, 5)).isEqualTo(round);
	}

	@Test
	void aRebalanceAtTheArmedDeadlineIsInTheNextRound() {
		AtomicReference<@Nullable ClientRank> rank = new AtomicReference<>(new ClientRank(2, 4));
		ApertureSelection<TestServer> selection = new ApertureSelection<>(TestServer::name, rank::get,
				this.wallClock::get, 64, FrontSelection.random(TestServer.seeded(3)), ROUND);
		ServerManager<TestServer> manager = TestServer
			.managerWith(TestServer.builder().frontSelection(selection).random(TestServer.seeded(3)), this.servers);
		RebalanceSchedule schedule = new RebalanceSchedule(manager, RebalanceSpread.SPREAD, true, 0);
		manager.rebalance();
		String front = manager.findServer().name();
		this.wallClock.addAndGet(schedule.interval().toMillis());
		manager.rebalance();
		assertThat(manager.findServer().name()).isNotEqualTo(front);
		assertThat(schedule.interval()).isLessThanOrEqualTo(ROUND);
	}

	@Test
	void anOfflineReCheckIsNotMovedToTheNextRound() {
		ApertureSelection<TestServer> selection = selection(new ClientRank(1, 4));
		ServerManager<TestServer> manager = TestServer
			.managerWith(TestServer.builder().frontSelection(selection).pinger((server) -> false), this.servers);
		RebalanceSchedule schedule = new RebalanceSchedule(manager, RebalanceSpread.SPREAD, true, 0);
		RebalanceResult<TestServer> result = manager.rebalance();
		assertThat(result.outcome()).isEqualTo(RebalanceOutcome.OFFLINE);
		Duration recheck = schedule.rebalanced(0, result.outcome());
		assertThat(recheck).isLessThanOrEqualTo(RebalanceSchedule.DEFAULT_OFFLINE_RECHECK.multipliedBy(2));
		assertThat(schedule.rebalanced(0, RebalanceOutcome.HEALTHY))
			.isEqualTo(Duration.ofMillis(ROUND_MILLIS - 60_000));
	}

	private ApertureSelection<TestServer> selection(ClientRank rank) {
		return new ApertureSelection<>(TestServer::name, () -> rank, this.wallClock::get, 64,
				FrontSelection.random(TestServer.seeded(1)), ROUND);
	}

	private static List<TestServer> ring(int servers) {
		List<TestServer> ring = new ArrayList<>();
		for (int i = 0; i < servers; i++) {
			ring.add(TestServer.named(String.format("s%02d", i)));
		}
		return ring;
	}

	private static int ceilDiv(int a, int b) {
		return (a + b - 1) / b;
	}

	private static List<TestServer> byNameDescending(List<TestServer> servers) {
		return servers.stream().sorted((x, y) -> y.name().compareTo(x.name())).toList();
	}

}
