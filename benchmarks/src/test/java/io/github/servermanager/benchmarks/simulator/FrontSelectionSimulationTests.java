package io.github.servermanager.benchmarks.simulator;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small fleets, where a random front overloads some servers and the aperture does not.
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
	void theApertureGivesEveryOneOfTwentyClientsItsOwnServerAlmostAllTheTime() {
		SimulationResult aperture = this.simulator.run(this.twentyOnTwenty, ScheduleVariant.IMPROVED,
				FrontMode.APERTURE);
		assertThat(aperture.meanBusiestShare()).isLessThan(1.02);
		assertThat(aperture.worstNewConnectionWindow()).isLessThanOrEqualTo(64);
	}

	@Test
	void theApertureMovesEveryClientOnceARound() {
		SimulationResult aperture = this.simulator.run(Scenario.steadyState(100, 10), ScheduleVariant.IMPROVED,
				FrontMode.APERTURE);
		assertThat(aperture.meanBusiestShare()).isLessThanOrEqualTo(1.25);
		assertThat(aperture.intervals().maxSeconds()).isEqualTo(120.0);
		assertThat(aperture.longestStay()).isLessThanOrEqualTo(Duration.ofSeconds(121));
	}

	@Test
	void aRandomFrontKeepsSomeClientsOnOneServerForSeveralIntervals() {
		SimulationResult random = this.simulator.run(Scenario.steadyState(100, 10), ScheduleVariant.IMPROVED,
				FrontMode.RANDOM);
		assertThat(random.longestStay()).isGreaterThan(Duration.ofSeconds(360));
	}

}
