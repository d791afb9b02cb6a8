package io.github.servermanager.benchmarks.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the aperture, the seed's random front and Spring's round robin at several
 * ratios of clients to servers: how evenly the requests spread, how many connections a
 * client holds and opens, how often it moves, and what one stopped server costs.
 * <p>
 * Arguments: {@code [--seed N]}.
 */
public final class ApertureSimulationMain {

	/** Clients and servers of every fleet the tables show. */
	static final int[][] FLEETS = { { 1, 10 }, { 2, 10 }, { 3, 10 }, { 20, 5 }, { 20, 20 }, { 100, 10 },
			{ 10_000, 5 } };

	private ApertureSimulationMain() {
	}

	public static void main(String[] args) {
		long seed = SeedArgument.parse(args, 6);
		ApertureSimulation simulation = new ApertureSimulation(seed);
		long started = System.nanoTime();
		List<ApertureResult> steady = new ArrayList<>();
		List<ApertureTables.StopRow> stops = new ArrayList<>();
		for (int[] fleet : FLEETS) {
			ApertureScenario scenario = ApertureScenario.of(fleet[0], fleet[1]);
			for (RequestBalancer balancer : RequestBalancer.values()) {
				steady.add(simulation.run(scenario, balancer));
				stops.add(new ApertureTables.StopRow(simulation.run(scenario, balancer, ServerStop.midRun(false)),
						simulation.run(scenario, balancer, ServerStop.midRun(true))));
			}
		}
		ApertureScenario first = ApertureScenario.of(FLEETS[0][0], FLEETS[0][1]);
		System.out.printf("simulated %d fleets x %d balancers, %s of warm-up and %d intervals each, in %d s%n%n",
				FLEETS.length, RequestBalancer.values().length, first.warmUp(), first.intervals(),
				Duration.ofNanos(System.nanoTime() - started).toSeconds());
		System.out.println(ApertureTables.steady(steady));
		System.out.println(ApertureTables.stopped(stops));
		System.out.print(ApertureTables.targets(steady, stops));
		System.out.printf("seed %d%n", seed);
	}

}
