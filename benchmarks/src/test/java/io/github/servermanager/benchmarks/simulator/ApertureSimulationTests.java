package io.github.servermanager.benchmarks.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The aperture's targets on the fleets of the benchmarks' tables, and the two other
 * balancers where they differ from it. Each run happens once and is shared.
 */
class ApertureSimulationTests {

	private static final ApertureSimulation SIMULATION = new ApertureSimulation(6);

	private static final Map<String, ApertureResult> RUNS = new ConcurrentHashMap<>();

	@ParameterizedTest(name = "{0} clients, {1} servers")
	@CsvSource({ "1, 10", "2, 10", "3, 10", "20, 5", "20, 20", "100, 10", "10000, 5" })
	void theBusiestServerTakesAtMostATenthOverItsFairShareInAnySecond(int clients, int servers) {
		ApertureResult aperture = run(clients, servers, RequestBalancer.APERTURE, null);
		assertThat(aperture.busiestWorstSecond()).isLessThanOrEqualTo(ApertureTables.BUSIEST_TARGET);
		assertThat(aperture.busiestWorstInterval()).isLessThanOrEqualTo(ApertureTables.BUSIEST_TARGET);
	}

	@ParameterizedTest(name = "{0} clients, {1} servers")
	@CsvSource({ "1, 10, 11", "2, 10, 6", "3, 10, 5", "20, 5, 1", "20, 20, 1", "100, 10, 1", "10000, 5, 1" })
	void aClientSendsToAtMostCeilServersOverClientsPlusOneServersAndToOneWhenClientsOutnumberServers(int clients,
			int servers, int bound) {
		ApertureResult aperture = run(clients, servers, RequestBalancer.APERTURE, null);
		assertThat(ApertureTables.connectionsTarget(aperture.scenario())).isEqualTo(bound);
		assertThat(aperture.maxConnectionsPerClient()).isLessThanOrEqualTo(bound);
	}

	@ParameterizedTest(name = "{0} clients, {1} servers")
	@CsvSource({ "1, 10", "2, 10", "3, 10", "20, 5", "20, 20", "100, 10", "10000, 5" })
	void newConnectionsAndPingsStayWithinTheBudgetOfEveryServer(int clients, int servers) {
		ApertureResult aperture = run(clients, servers, RequestBalancer.APERTURE, null);
		assertThat(aperture.worstNewConnections()).isLessThanOrEqualTo(ApertureTables.CONNECTION_BUDGET);
	}

	@ParameterizedTest(name = "{0} clients, {1} servers")
	@CsvSource({ "2, 10", "3, 10", "20, 5", "20, 20", "100, 10", "10000, 5" })
	void everyClientMovesToOtherServersInEveryInterval(int clients, int servers) {
		ApertureResult aperture = run(clients, servers, RequestBalancer.APERTURE, null);
		assertThat(aperture.everyServerInUse()).isFalse();
		assertThat(aperture.longestIntervalSeconds()).isLessThanOrEqualTo(120.0);
		assertThat(aperture.minMovesPerInterval()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void aSingleClientSpreadsOverEveryServerAndHasNowhereToMove() {
		ApertureResult aperture = run(1, 10, RequestBalancer.APERTURE, null);
		assertThat(aperture.everyServerInUse()).isTrue();
		assertThat(aperture.maxConnectionsPerClient()).isEqualTo(10);
	}

	@ParameterizedTest(name = "{0} clients, {1} servers")
	@CsvSource({ "1, 10", "2, 10", "3, 10", "20, 5", "100, 10" })
	void aStoppedServerCostsAClientAtMostOneFailedRequestWithoutRetry(int clients, int servers) {
		ApertureResult stopped = run(clients, servers, RequestBalancer.APERTURE, ServerStop.midRun(false));
		assertThat(stopped.maxFailedPerClient()).isLessThanOrEqualTo(1);
		assertThat(stopped.meanFailedPerClient()).isGreaterThan(0);
	}

	@ParameterizedTest(name = "{0} clients, {1} servers")
	@CsvSource({ "1, 10", "3, 10", "20, 5" })
	void oneRetryOnTheNextServerOfTheRequestOrderFailsNoRequest(int clients, int servers) {
		ApertureResult retried = run(clients, servers, RequestBalancer.APERTURE, ServerStop.midRun(true));
		assertThat(retried.maxFailedPerClient()).isZero();
	}

	@ParameterizedTest(name = "{0} clients, {1} servers")
	@CsvSource({ "1, 10", "2, 10", "3, 10", "20, 5", "100, 10" })
	void theSurvivorsShareTheLoadOfAStoppedServer(int clients, int servers) {
		ApertureResult stopped = run(clients, servers, RequestBalancer.APERTURE, ServerStop.midRun(false));
		assertThat(stopped.busiestWorstSecond()).isLessThanOrEqualTo(ApertureTables.SURVIVORS_BUSIEST_TARGET);
	}

	@Test
	void roundRobinKeepsEveryClientOnEveryServer() {
		ApertureResult roundRobin = run(3, 10, RequestBalancer.ROUND_ROBIN, null);
		assertThat(roundRobin.maxConnectionsPerClient()).isEqualTo(10);
		assertThat(roundRobin.everyServerInUse()).isTrue();
		assertThat(roundRobin.busiestWorstSecond()).isLessThanOrEqualTo(ApertureTables.BUSIEST_TARGET);
	}

	@Test
	void aRandomFrontLeavesMostOfTenServersIdleForThreeClients() {
		ApertureResult random = run(3, 10, RequestBalancer.RANDOM_FRONT, null);
		assertThat(random.maxConnectionsPerClient()).isEqualTo(1);
		assertThat(random.busiestMeanSecond()).isGreaterThanOrEqualTo(10.0 / 3);
	}

	private static ApertureResult run(int clients, int servers, RequestBalancer balancer, @Nullable ServerStop stop) {
		String key = clients + "/" + servers + " " + balancer + " " + stop;
		return RUNS.computeIfAbsent(key,
				(ignored) -> SIMULATION.run(ApertureScenario.of(clients, servers), balancer, stop));
	}

}
