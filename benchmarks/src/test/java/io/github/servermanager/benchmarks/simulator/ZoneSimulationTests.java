package io.github.servermanager.benchmarks.simulator;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Three zones of 3 servers and 10 clients, a shorter steady state than the README's run
 * (ending off a round's boundary of the aperture), then zone a down for 2 minutes and 5
 * minutes to come back.
 */
class ZoneSimulationTests {

	private final ZoneSimulation simulation = new ZoneSimulation(13);

	private final ZoneScenario scenario = new ZoneScenario(3, 3, 10, Duration.ofMillis(100), Duration.ofSeconds(637),
			Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofSeconds(25));

	@Test
	void zoneFirstFrontsNeverCrossZonesWhileTheLocalZoneAnswers() {
		ZoneResult zone = this.simulation.run(this.scenario, ZoneMode.ZONE, true);
		assertThat(zone.crossZoneShare()).isZero();
		assertThat(zone.clientsWithFailures()).isEqualTo(10);
	}

	@Test
	void aRandomFrontSendsAboutTwoThirdsOfTheRequestsToOtherZones() {
		ZoneResult random = this.simulation.run(this.scenario, ZoneMode.RANDOM, true);
		assertThat(random.crossZoneShare()).isBetween(0.4, 0.9);
		assertThat(random.backInZoneSeconds()).isEqualTo(-1);
	}

	@Test
	void theFailoverCheckLeavesOneFailedRequestPerClientWhenItsWholeZoneStops() {
		ZoneResult checked = this.simulation.run(this.scenario, ZoneMode.ZONE, true);
		assertThat(checked.maxFailedInZoneA()).isEqualTo(1);
		assertThat(checked.meanFailedInZoneA()).isEqualTo(1.0);
	}

	@Test
	void withoutTheCheckEveryServerOfTheStoppedZoneCostsOneFailedRequest() {
		ZoneResult plain = this.simulation.run(this.scenario, ZoneMode.ZONE, false);
		assertThat(plain.maxFailedInZoneA()).isEqualTo(3);
		assertThat(plain.meanFailedInZoneA()).isEqualTo(3.0);
	}

	@Test
	void zoneFirstClientsReturnAtTheirFirstRebalanceAfterTheirServersDo() {
		ZoneResult zone = this.simulation.run(this.scenario, ZoneMode.ZONE, true);
		assertThat(zone.maxRebalancesToReturn()).isEqualTo(1);
		assertThat(zone.backInZoneSeconds()).isBetween(0.0, zone.maxIntervalSeconds());
		assertThat(zone.maxIntervalSeconds()).isLessThanOrEqualTo(180.0);
	}

	@Test
	void theApertureWithinTheZoneSpreadsTenClientsFourThreeThreeAndStillFailsOverWithOneFailure() {
		ZoneResult aperture = this.simulation.run(this.scenario, ZoneMode.ZONE_APERTURE, true);
		assertThat(aperture.crossZoneShare()).isZero();
		assertThat(aperture.meanBusiestShare()).isCloseTo(1.2, within(0.01));
		assertThat(aperture.maxFailedInZoneA()).isEqualTo(1);
		assertThat(aperture.maxRebalancesToReturn()).isEqualTo(1);
		assertThat(aperture.backInZoneSeconds()).isLessThanOrEqualTo(120.0);
	}

	@Test
	void roundRobinSpreadsEvenlyButCrossesZonesForTwoThirdsOfTheRequests() {
		ZoneResult roundRobin = this.simulation.run(this.scenario, ZoneMode.ROUND_ROBIN, true);
		assertThat(roundRobin.crossZoneShare()).isCloseTo(2.0 / 3, within(0.01));
		assertThat(roundRobin.meanBusiestShare()).isLessThan(1.2);
		assertThat(roundRobin.clientsWithFailures()).isEqualTo(30);
	}

	@Test
	void roundRobinWithZonePreferenceFailsEveryRequestUntilItsNextHealthCheck() {
		ZoneResult preferred = this.simulation.run(this.scenario, ZoneMode.ROUND_ROBIN_ZONE, true);
		assertThat(preferred.crossZoneShare()).isZero();
		assertThat(preferred.maxFailedInZoneA()).isGreaterThan(10).isLessThanOrEqualTo(250);
		assertThat(preferred.backInZoneSeconds()).isBetween(0.0, 25.0);
		assertThat(preferred.maxRebalancesToReturn()).isEqualTo(-1);
	}

}
