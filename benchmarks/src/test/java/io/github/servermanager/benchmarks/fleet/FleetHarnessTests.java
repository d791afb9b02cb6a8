package io.github.servermanager.benchmarks.fleet;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tiny fleet, 2 clients of 2 servers for a few seconds, so that the harness keeps
 * counting what the tables say it counts.
 */
class FleetHarnessTests {

	private static final FleetSettings TINY = new FleetSettings(2, 2, Duration.ofSeconds(4), Duration.ofSeconds(1),
			Duration.ofMillis(50), false, "none", null);

	@Test
	void roundRobinKeepsAConnectionFromEveryClientToEveryServerWhileTheServerManagerKeepsAboutOne() throws Exception {
		FleetResult[] pair = FleetConnectionsMain.runPair(ClientLibrary.HTTP_COMPONENTS, TINY);
		FleetResult starter = pair[0];
		FleetResult roundRobin = pair[1];
		assertThat(roundRobin.finalOpen()).isEqualTo(4);
		assertThat(roundRobin.meanOpen()).isEqualTo(4.0);
		assertThat(starter.meanOpen()).isLessThan(roundRobin.meanOpen());
		assertThat(starter.requests()).isGreaterThan(20);
		assertThat(roundRobin.requests()).isGreaterThan(20);
		assertThat(starter.failed()).isZero();
		assertThat(roundRobin.failed()).isZero();
		assertThat(starter.rebalances()).isPositive();
		assertThat(roundRobin.rebalances()).isZero();
		assertThat(starter.pings()).isGreaterThanOrEqualTo(starter.rebalances());
		assertThat(starter.frontMoves()).isBetween(0L, starter.frontsCompared());
		assertThat(starter.frontsCompared()).isLessThanOrEqualTo(starter.rebalances());
		assertThat(starter.samples()).isNotEmpty()
			.allSatisfy((sample) -> assertThat(sample.accepted()).isGreaterThanOrEqualTo(0));
	}

	@Test
	void tableAndChartShowBothBalancers() {
		FleetSample sample = new FleetSample(1.0, 2, 1);
		FleetResult starter = new FleetResult(io.github.servermanager.benchmarks.clientapp.Balancer.SERVER_MANAGER,
				ClientLibrary.JDK, TINY, List.of(sample, new FleetSample(2.0, 2, 2)), 10, 0, 4);
		FleetResult roundRobin = new FleetResult(
				io.github.servermanager.benchmarks.clientapp.Balancer.SPRING_ROUND_ROBIN, ClientLibrary.JDK, TINY,
				List.of(new FleetSample(1.0, 4, 4), new FleetSample(2.0, 4, 4)), 10, 1, 0);
		String table = FleetConnectionsMain.table(List.<FleetResult[]>of(new FleetResult[] { starter, roundRobin }));
		assertThat(table)
			.contains("| RestClient on JDK HttpClient | 2.0 | 4.0 | 0.50 | 2 | 0.50 | 1.00 | 0.50 | 10 (0) | 10 (1) |");
		FleetResult brokenDown = new FleetResult(starter.balancer(), ClientLibrary.JDK, TINY, starter.samples(), 10, 0,
				4, 4, 3, 3);
		assertThat(FleetConnectionsMain
			.rebalanceTable(List.<FleetResult[]>of(new FleetResult[] { brokenDown, roundRobin })))
			.contains("| RestClient on JDK HttpClient | 4 | 1.00 | 1.00 | 2.00 | 0.50 |");
		assertThat(FleetConnectionsMain.chart(starter, roundRobin)).contains("   2s    2 #" + " ".repeat(54) + "4 ##");
	}

}
