package io.github.servermanager.core;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static io.github.servermanager.core.TestServer.named;
import static org.assertj.core.api.Assertions.assertThat;

class SubsetSelectionTest {

	private static final Duration ROUND = Duration.ofMinutes(2);

	private static final long ROUND_MILLIS = ROUND.toMillis();

	/** Discovery order differs from key order: the selection must sort. */
	private final List<TestServer> servers = named("s2", "s0", "s3", "s1");

	private final AtomicLong wallClock = new AtomicLong(1_000 * ROUND_MILLIS + 60_000);

	@Test
	void asManyClientsAsServersPutEveryServerInFrontOnce() {
		Set<String> fronts = new HashSet<>();
		for (int k = 0; k < 4; k++) {
			fronts.add(selection(new ClientRank(k, 4)).order(this.servers).get(0).name());
		}
		assertThat(fronts).containsExactlyInAnyOrder("s0", "s1", "s2", "s3");
	}

	@Test
	void inRoundRTheClientOfRankKTakesServerKPlusRModN() {
		// Round 1000 at 60 s into it; rank 1: (1 + 1000) mod 4 = 1.
		assertThat(selection(new ClientRank(1, 4)).order(this.servers).get(0).name()).isEqualTo("s1");
	}

	@Test
	void everyClientMovesToAnotherServerInTheNextRound() {
		for (int k = 0; k < 4; k++) {
			SubsetSelection<TestServer> selection = selection(new ClientRank(k, 4));
			String before = selection.order(this.servers).get(0).name();
			this.wallClock.addAndGet(ROUND_MILLIS);
			String after = selection.order(this.servers).get(0).name();
			this.wallClock.addAndGet(-ROUND_MILLIS);
			assertThat(after).as("rank %d", k).isNotEqualTo(before);
		}
	}

	@Test
	void moreClientsThanServersShareTheServersEvenly() {
		int[] holders = new int[4];
		for (int k = 0; k < 20; k++) {
			String front = selection(new ClientRank(k, 20)).order(this.servers).get(0).name();
			holders[front.charAt(1) - '0']++;
		}
		assertThat(holders).containsExactly(5, 5, 5, 5);
	}

	@Test
	void theServersBehindTheFrontFollowInTheOrderOfTheOtherSelection() {
		List<TestServer> ordered = new SubsetSelection<>(TestServer::name, () -> new ClientRank(1, 4),
				this.wallClock::get, 64, SubsetSelectionTest::byNameDescending, ROUND)
			.order(this.servers);
		assertThat(TestServer.names(ordered)).containsExactly("s1", "s3", "s2", "s0");
	}

	@Test
	void anUnknownRankFallsBackToTheOtherSelectionAndTheDrawnDelay() {
		SubsetSelection<TestServer> selection = new SubsetSelection<>(TestServer::name, () -> null, this.wallClock::get,
				64, SubsetSelectionTest::byNameDescending, ROUND);
		assertThat(TestServer.names(selection.order(this.servers))).containsExactly("s3", "s2", "s1", "s0");
		assertThat(selection.rebalanceDelay(Duration.ofSeconds(150), ROUND, 4)).isEqualTo(Duration.ofSeconds(150));
	}

	@Test
	void aSmallClusterSwitchesRoundsWithinTheBudgetWindowOfTheRoundStart() {
		// 4 clients over 4 servers at 64/s: a 31 ms window, rank 3 at 23 ms into it.
		SubsetSelection<TestServer> selection = selection(new ClientRank(3, 4));
		Duration delay = selection.rebalanceDelay(Duration.ofSeconds(150), ROUND, 4);
		assertThat(delay).isEqualTo(Duration.ofMillis(ROUND_MILLIS - 60_000 + 23));
	}

	@Test
	void aLargeClusterSpreadsItsSwitchesOverTheWholeRoundAtTheBudget() {
		// 100,000 clients over 5 servers: the rate-scaled round of 312.5 s is the window.
		Duration round = Duration.ofMillis(312_500);
		this.wallClock.set(0);
		SubsetSelection<TestServer> middle = selection(new ClientRank(50_000, 100_000));
		assertThat(middle.rebalanceDelay(Duration.ofSeconds(400), round, 5)).isEqualTo(Duration.ofMillis(156_250));
		SubsetSelection<TestServer> first = selection(new ClientRank(0, 100_000));
		assertThat(first.rebalanceDelay(Duration.ofSeconds(400), round, 5)).isEqualTo(round);
	}

	@Test
	void aRebalanceAtTheArmedDeadlineIsInTheNextRound() {
		AtomicReference<@Nullable ClientRank> rank = new AtomicReference<>(new ClientRank(2, 4));
		SubsetSelection<TestServer> selection = new SubsetSelection<>(TestServer::name, rank::get, this.wallClock::get,
				64, FrontSelection.random(TestServer.seeded(3)), ROUND);
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

	private SubsetSelection<TestServer> selection(ClientRank rank) {
		return new SubsetSelection<>(TestServer::name, () -> rank, this.wallClock::get, 64,
				FrontSelection.random(TestServer.seeded(1)), ROUND);
	}

	private static List<TestServer> byNameDescending(List<TestServer> servers) {
		return servers.stream().sorted((x, y) -> y.name().compareTo(x.name())).toList();
	}

}
