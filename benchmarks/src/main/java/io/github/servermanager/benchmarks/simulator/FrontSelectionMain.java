package io.github.servermanager.benchmarks.simulator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares how evenly the clients' fronts spread over the servers: the seed's random
 * front, the deterministic aperture and, as the reference, per-request round robin. Each
 * scenario is an hour of steady state under the default (improved) schedule.
 * <p>
 * Arguments: {@code [--seed N]}.
 */
public final class FrontSelectionMain {

	/** Busiest server over its fair share, averaged over the hour, for the aperture. */
	static final double BUSIEST_TARGET = 1.25;

	private static final int[][] CLIENTS_SERVERS = { { 20, 20 }, { 20, 5 }, { 100, 10 }, { 10_000, 5 },
			{ 100_000, 5 } };

	private FrontSelectionMain() {
	}

	public static void main(String[] args) {
		long seed = SeedArgument.parse(args, 6);
		RebalanceSimulator simulator = new RebalanceSimulator(seed);
		List<SimulationResult> results = new ArrayList<>();
		for (int[] size : CLIENTS_SERVERS) {
			Scenario scenario = Scenario.steadyState(size[0], size[1]);
			for (FrontMode mode : FrontMode.values()) {
				long started = System.nanoTime();
				results.add(simulator.run(scenario, ScheduleVariant.IMPROVED, mode));
				System.out.printf("simulated %-45s %-8s in %5d ms%n", scenario.name(), mode.label(),
						Duration.ofNanos(System.nanoTime() - started).toMillis());
			}
		}
		PrintStream out = System.out;
		out.println();
		out.println(table(results));
		out.print(targets(results));
		out.printf("seed %d%n", seed);
	}

	/**
	 * Formats one row per result, with a round-robin row after each scenario.
	 * @param results the results, each scenario under every front mode
	 * @return a Markdown table
	 */
	static String table(List<SimulationResult> results) {
		StringBuilder table = new StringBuilder();
		table.append("| clients / servers | front | busiest server / fair share (mean over the hour / worst second) "
				+ "| new connections per server per s (mean / worst 1 s) "
				+ "| longest time a client kept one front | rebalance interval, s (min / max) |\n");
		table.append("|---|---|---|---|---|---|\n");
		Scenario previous = null;
		for (SimulationResult result : results) {
			Scenario scenario = result.scenario();
			if (previous != null && !previous.equals(scenario)) {
				table.append(roundRobinRow(previous));
			}
			previous = scenario;
			table.append(String.format(Locale.ROOT, "| %s | %s | %.2f / %.2f | %.2f / %d | %.1f s | %.1f / %.1f |%n",
					size(scenario), result.frontMode().label(), result.meanBusiestShare(), result.worstBusiestShare(),
					result.meanNewConnectionsPerServerPerSecond(), result.worstNewConnectionWindow(),
					result.longestStay().toMillis() / 1000.0, result.intervals().minSeconds(),
					result.intervals().maxSeconds()));
		}
		if (previous != null) {
			table.append(roundRobinRow(previous));
		}
		return table.toString();
	}

	/**
	 * Spring's round robin sends each client's requests to every server in turn: the load
	 * is even by construction, and each client keeps a connection to every server instead
	 * of one.
	 */
	private static String roundRobinRow(Scenario scenario) {
		return String.format(Locale.ROOT,
				"| %s | round robin (per request, reference) | 1.00 / 1.00 "
						+ "| - (each client connected to all %d servers) | - | - |%n",
				size(scenario), scenario.servers().size());
	}

	static String targets(List<SimulationResult> results) {
		StringBuilder lines = new StringBuilder();
		for (SimulationResult result : results) {
			if (result.frontMode() != FrontMode.APERTURE) {
				continue;
			}
			boolean busiest = result.meanBusiestShare() <= BUSIEST_TARGET;
			boolean budget = result.worstNewConnectionWindow() <= 64;
			boolean moves = result.longestStay().toNanos() <= (long) (result.intervals().maxNanos() * 1.01);
			lines.append(String.format(Locale.ROOT,
					"aperture %s: busiest / fair %.2f (target <= %.2f) %s; worst new connections %d per server per s "
							+ "(budget 64) %s; longest stay %.1f s, longest interval %.1f s: every client moved "
							+ "every interval %s%n",
					size(result.scenario()), result.meanBusiestShare(), BUSIEST_TARGET, busiest ? "met" : "MISSED",
					result.worstNewConnectionWindow(), budget ? "met" : "MISSED",
					result.longestStay().toMillis() / 1000.0, result.intervals().maxSeconds(), moves ? "yes" : "NO"));
		}
		return lines.toString();
	}

	private static String size(Scenario scenario) {
		return String.format(Locale.ROOT, "%,d / %d", scenario.clients(), scenario.servers().size());
	}

}
