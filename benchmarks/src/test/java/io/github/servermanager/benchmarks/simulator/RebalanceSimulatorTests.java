package io.github.servermanager.benchmarks.simulator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Runs the simulator on cases small enough to work out by hand, with scripted draws.
 */
class RebalanceSimulatorTests {

	private static final List<VirtualServer> TWO_SERVERS = Scenario.servers(2);

	private static final VirtualServer S0 = TWO_SERVERS.get(0);

	/**
	 * Four clients on two servers join at t=0 under the seed's schedule. Clients 0 and 1
	 * swap on every shuffle (so their front flips at each rebalance), clients 2 and 3
	 * never do; client {@code c} staggers by {@code c/4} of the 60 s jitter. So: all four
	 * rebalance at exactly 120 s onto server-0, then at 240, 255, 270 and 285 s with
	 * intervals of 120, 135, 150 and 165 s.
	 */
	private final SimulationResult seedRun = new RebalanceSimulator(0,
			(client) -> new ScriptedRandom(client / 4.0, client < 2))
		.run(new Scenario("4 clients / 2 servers", 4, TWO_SERVERS, TWO_SERVERS, 0, 0, List.of(), 0, 300, 4),
				ScheduleVariant.SEED);

	@Test
	void seedScheduleRebalancesEveryNewClientAtMinReuseInLockStep() {
		assertThat(this.seedRun.rebalances(120, 0)).isEqualTo(4);
		assertThat(this.seedRun.rebalances(120, 1)).isZero();
		assertThat(this.seedRun.allRebalancedAfter()).isEqualTo(Duration.ofSeconds(120));
	}

	@Test
	void rebalanceCountsLandOnTheChosenServerAtItsSecond() {
		assertThat(this.seedRun.rebalances(240, 1)).isEqualTo(1);
		assertThat(this.seedRun.rebalances(255, 1)).isEqualTo(1);
		assertThat(this.seedRun.rebalances(270, 0)).isEqualTo(1);
		assertThat(this.seedRun.rebalances(285, 0)).isEqualTo(1);
		assertThat(this.seedRun.meanRebalancesPerServerPerSecond()).isCloseTo(8.0 / (300 * 2), within(1e-12));
		assertThat(this.seedRun.worstRebalanceWindow()).isEqualTo(4);
	}

	@Test
	void onlyRebalancesThatChangeTheFrontCountAsNewConnections() {
		assertThat(this.seedRun.newConnections(120, 0)).isEqualTo(2);
		assertThat(this.seedRun.newConnections(240, 1)).isEqualTo(1);
		assertThat(this.seedRun.newConnections(255, 1)).isEqualTo(1);
		assertThat(this.seedRun.newConnections(270, 0)).isZero();
		assertThat(this.seedRun.newConnections(285, 0)).isZero();
		assertThat(this.seedRun.meanNewConnectionsPerServerPerSecond()).isCloseTo(4.0 / (300 * 2), within(1e-12));
		assertThat(this.seedRun.worstNewConnectionWindow()).isEqualTo(2);
	}

	@Test
	void holdersFollowEachClientsFront() {
		assertThat(holders(this.seedRun, 0)).containsExactly(2, 2);
		assertThat(holders(this.seedRun, 119)).containsExactly(2, 2);
		assertThat(holders(this.seedRun, 120)).containsExactly(4, 0);
		assertThat(holders(this.seedRun, 240)).containsExactly(3, 1);
		assertThat(holders(this.seedRun, 255)).containsExactly(2, 2);
		assertThat(holders(this.seedRun, 300)).containsExactly(2, 2);
	}

	@Test
	void balancedAfterIsTheLastTimeEveryServerCameWithinTenPercentOfItsFairShare() {
		assertThat(this.seedRun.balancedAfter()).isEqualTo(Duration.ofSeconds(255));
	}

	@Test
	void intervalsAreThoseTheManagersComputed() {
		SimulationResult.IntervalStatistics intervals = this.seedRun.intervals();
		assertThat(intervals.count()).isEqualTo(8);
		assertThat(intervals.minSeconds()).isEqualTo(120.0);
		assertThat(intervals.meanSeconds()).isEqualTo(142.5);
		assertThat(intervals.maxSeconds()).isEqualTo(165.0);
		assertThat(this.seedRun.longestWaitAtStart()).isEqualTo(Duration.ofSeconds(120));
	}

	/**
	 * The same four clients as {@link #seedRun} under the improved schedule. With 4
	 * clients the base interval is minReuse, 120 s, so client {@code c} (drawing
	 * {@code f = c/4} of every bound) computes an interval of 120 s + 60 s x f and waits
	 * minReuse plus f of that interval: 120, 153.75, 195 and 243.75 s, instead of 120 s
	 * for all four.
	 */
	@Test
	void improvedScheduleKeepsAFreshConnectionForMinReuseThenSpreadsTheFirstRebalance() {
		SimulationResult result = new RebalanceSimulator(0, (client) -> new ScriptedRandom(client / 4.0, client < 2))
			.run(new Scenario("4 clients / 2 servers", 4, TWO_SERVERS, TWO_SERVERS, 0, 0, List.of(), 0, 300, 4),
					ScheduleVariant.IMPROVED);
		assertThat(result.rebalances(120, 0)).isEqualTo(1);
		assertThat(result.rebalances(153, 0)).isEqualTo(1);
		assertThat(result.rebalances(195, 0)).isEqualTo(1);
		assertThat(result.rebalances(243, 0)).isEqualTo(1);
		assertThat(result.allRebalancedAfter()).isEqualTo(Duration.ofMillis(243_750));
		assertThat(result.longestWaitAtStart()).isEqualTo(Duration.ofMillis(243_750));
		assertThat(result.worstRebalanceWindow()).isEqualTo(1);
	}

	/**
	 * One client sees one server, then two from 100 s. With 38,400 clients sharing them
	 * and every draw at half its bound, the interval for one server is 600 s + 150 s and
	 * the first deadline minReuse plus half of that, 120 s + 375 s; for two servers it is
	 * 300 s + 75 s, so the redrawn deadline is 100 s + 187.5 s, past the min-reuse floor
	 * (the client joined at 0, so not before 120 s).
	 */
	@Test
	void improvedScheduleRedrawsTheDeadlineForTheNewNumberOfServers() {
		SimulationResult result = new RebalanceSimulator(0, (client) -> new ScriptedRandom(0.5, false))
			.run(oneClientGainingAServer(38_400, List.of(S0), 100), ScheduleVariant.IMPROVED);
		assertThat(result.longestWaitAtStart()).isEqualTo(Duration.ofSeconds(495));
		assertThat(result.rebalances(287, 0)).isEqualTo(1);
		assertThat(result.rebalances(495, 0)).isZero();
		assertThat(result.allRebalancedAfter()).isEqualTo(Duration.ofMillis(287_500));
		assertThat(result.intervals().maxSeconds()).isEqualTo(375.0);
	}

	/**
	 * With 4 clients the interval is 120 s + 30 s for one server and for two, so the
	 * first deadline is 120 s + 75 s = 195 s; the change at 150 s redraws it to 150 s +
	 * 75 s, later than the one it replaces.
	 */
	@Test
	void improvedScheduleReplacesTheDeadlineEvenWithALaterOne() {
		SimulationResult result = new RebalanceSimulator(0, (client) -> new ScriptedRandom(0.5, false))
			.run(oneClientGainingAServer(4, List.of(S0), 150), ScheduleVariant.IMPROVED);
		assertThat(result.rebalances(195, 0)).isZero();
		assertThat(result.rebalances(225, 0)).isEqualTo(1);
		assertThat(result.allRebalancedAfter()).isEqualTo(Duration.ofSeconds(225));
	}

	/**
	 * With 38,400 clients and every draw at 0, the change at 10 s would redraw the
	 * deadline to 10 s; the min-reuse floor keeps it at 120 s after the client joined.
	 */
	@Test
	void improvedScheduleNeverRedrawsCloserThanMinReuseAfterTheStart() {
		SimulationResult result = new RebalanceSimulator(0, (client) -> new ScriptedRandom(0.0, false))
			.run(oneClientGainingAServer(38_400, List.of(S0), 10), ScheduleVariant.IMPROVED);
		assertThat(result.rebalances(10, 0) + result.rebalances(10, 1)).isZero();
		assertThat(result.allRebalancedAfter()).isEqualTo(Duration.ofSeconds(120));
	}

	/**
	 * A client that joined with no servers armed 120 s + 75 s from 0; when two servers
	 * appear at 50 s it starts over as a new client would, 50 s + 120 s + 75 s, rather
	 * than redrawing within one interval (50 s + 75 s).
	 */
	@Test
	void improvedScheduleStartsOverWhenAnEmptyListGainsServers() {
		SimulationResult result = new RebalanceSimulator(0, (client) -> new ScriptedRandom(0.5, false))
			.run(oneClientGainingAServer(4, List.of(), 50), ScheduleVariant.IMPROVED);
		assertThat(result.rebalances(125, 0)).isZero();
		assertThat(result.rebalances(195, 0)).isZero();
		assertThat(result.rebalances(245, 0)).isEqualTo(1);
		assertThat(result.allRebalancedAfter()).isEqualTo(Duration.ofSeconds(245));
	}

	/**
	 * Under the seed's schedule the deadline armed at the start, minReuse, stands
	 * whatever membership does.
	 */
	@Test
	void seedScheduleKeepsItsDeadlineWhenServersChange() {
		SimulationResult result = new RebalanceSimulator(0, (client) -> new ScriptedRandom(0.5, false))
			.run(oneClientGainingAServer(4, List.of(S0), 10), ScheduleVariant.SEED);
		assertThat(result.rebalances(85, 0)).isZero();
		assertThat(result.rebalances(120, 0)).isEqualTo(1);
		assertThat(result.allRebalancedAfter()).isEqualTo(Duration.ofSeconds(120));
	}

	@Test
	void sameSeedGivesTheSameRun() {
		Scenario scenario = Scenario.coldStart(200, 3);
		SimulationResult first = new RebalanceSimulator(42).run(scenario, ScheduleVariant.IMPROVED);
		SimulationResult second = new RebalanceSimulator(42).run(scenario, ScheduleVariant.IMPROVED);
		for (int at = 0; at < scenario.measureSeconds(); at += 7) {
			assertThat(holders(second, at)).containsExactly(holders(first, at));
		}
		assertThat(second.intervals()).isEqualTo(first.intervals());
	}

	private static Scenario oneClientGainingAServer(int clusterSize, List<VirtualServer> before, int atSecond) {
		List<MembershipChange> changes = List
			.of(new MembershipChange(TimeUnit.SECONDS.toNanos(atSecond), 0, 1, TWO_SERVERS));
		return new Scenario("1 client gains servers", 1, TWO_SERVERS, before, 0, 0, changes, 0, 600, clusterSize);
	}

	private static int[] holders(SimulationResult result, int second) {
		int[] holders = new int[result.scenario().servers().size()];
		for (int server = 0; server < holders.length; server++) {
			holders[server] = result.holders(second, server);
		}
		return holders;
	}

}
