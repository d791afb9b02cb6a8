package io.github.servermanager.benchmarks.simulator;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small fleets, where a random front overloads some servers and subsetting does not.
 */
class FrontSelectionSimulationTests {

	private final RebalanceSimulator simulator = new RebalanceSimulator(6);

	private final Scenario twentyOnTwenty = Scenario.steadyState(20, 20);

	@Test
	void aRandomFrontPutsThreeTimesTheFairShareOnTheBusiestOfTwentyServers() {
		SimulationResult random = this.simulator.run(this.twentyOnTwenty, ScheduleVariant.IMPROVED, FrontMode.RANDOM);
		assertThat(random.meanBusiestShare()).isBetween(2.5, 4.0);
	}

	@Test
	void subsettingGivesEveryOneOfTwentyClientsItsOwnServerAlmostAllTheTime() {
		SimulationResult subset = this.simulator.run(this.twentyOnTwenty, ScheduleVariant.IMPROVED, FrontMode.SUBSET);
		assertThat(subset.meanBusiestShare()).isLessThan(1.02);
		assertThat(subset.worstNewConnectionWindow()).isLessThanOrEqualTo(64);
	}

	@Test
	void subsettingMovesEveryClientOnceARound() {
		SimulationResult subset = this.simulator.run(Scenario.steadyState(100, 10), ScheduleVariant.IMPROVED,
				FrontMode.SUBSET);
		assertThat(subset.meanBusiestShare()).isLessThanOrEqualTo(1.25);
		assertThat(subset.intervals().maxSeconds()).isEqualTo(120.0);
		assertThat(subset.longestStay()).isLessThanOrEqualTo(Duration.ofSeconds(121));
	}

	@Test
	void aRandomFrontKeepsSomeClientsOnOneServerForSeveralIntervals() {
		SimulationResult random = this.simulator.run(Scenario.steadyState(100, 10), ScheduleVariant.IMPROVED,
				FrontMode.RANDOM);
		assertThat(random.longestStay()).isGreaterThan(Duration.ofSeconds(360));
	}

}
