package io.github.servermanager.benchmarks.simulator;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Sets the seed's figures (from the comments in Consul's manager) beside what the
 * simulator measured, and checks the targets.
 */
public final class SeedClaims {

	private SeedClaims() {
	}

	/**
	 * Returns the seed's claims beside the measured figures.
	 * @param results the results of the standard scenarios
	 * @return a Markdown table
	 */
	public static String table(List<SimulationResult> results) {
		StringBuilder table = new StringBuilder();
		table
			.append("| seed's claim | seed's figure | measured, seed's schedule | difference | measured, improved |\n");
		table.append("|---|---|---|---|---|\n");
		String steady10k = Scenario.steadyState(10_000, 5).name();
		SimulationResult seedSteady = find(results, steady10k, ScheduleVariant.SEED);
		SimulationResult improvedSteady = find(results, steady10k, ScheduleVariant.IMPROVED);
		rate(table, "10,000 clients / 5 servers: new connections per server per s, every rebalance counted", 13,
				seedSteady.meanRebalancesPerServerPerSecond(), improvedSteady.meanRebalancesPerServerPerSecond());
		rate(table, "same, only rebalances that changed the client's front counted", 13,
				seedSteady.meanNewConnectionsPerServerPerSecond(),
				improvedSteady.meanNewConnectionsPerServerPerSecond());
		String steady100k = Scenario.steadyState(100_000, 5).name();
		time(table, "100,000 clients / 5 servers: full rebalance (every client rebalanced)", 5,
				find(results, steady100k, ScheduleVariant.SEED).allRebalancedAfter(),
				find(results, steady100k, ScheduleVariant.IMPROVED).allRebalancedAfter());
		for (int clients : new int[] { 100_000, 10_000 }) {
			String heal = Scenario.partitionHeal(clients).name();
			double minutes = (clients == 100_000) ? 26 : 2.6;
			String who = String.format("partition heal, %,d clients", clients);
			time(table, who + ": every server within 10% of fair share", minutes,
					find(results, heal, ScheduleVariant.SEED).balancedAfter(),
					find(results, heal, ScheduleVariant.IMPROVED).balancedAfter());
			time(table, who + ": every client rebalanced", minutes,
					find(results, heal, ScheduleVariant.SEED).allRebalancedAfter(),
					find(results, heal, ScheduleVariant.IMPROVED).allRebalancedAfter());
		}
		return table.toString();
	}

	/**
	 * Returns the worst 1-second window one schedule produced in any of the results,
	 * checked against the target.
	 * @param results every result to look at
	 * @param variant the schedule
	 * @param worstWindowTarget the most rebalances one server may take in one second
	 * @return a Markdown line
	 */
	public static String worstWindow(List<SimulationResult> results, ScheduleVariant variant, int worstWindowTarget) {
		SimulationResult worst = null;
		for (SimulationResult result : results) {
			if (result.variant() == variant
					&& (worst == null || result.worstRebalanceWindow() > worst.worstRebalanceWindow())) {
				worst = result;
			}
		}
		if (worst == null) {
			return "";
		}
		return SimulationTable.format(
				"- %s: worst 1-second window of rebalances on one server, any scenario: %d (%s; target at most %d): "
						+ "%s%n",
				variant.label(), worst.worstRebalanceWindow(), worst.scenario().name(), worstWindowTarget,
				(worst.worstRebalanceWindow() <= worstWindowTarget) ? "met" : "NOT met");
	}

	/**
	 * Returns how long one schedule took to heal the standard 100,000-client partition.
	 * @param results results that include that scenario under the schedule
	 * @param variant the schedule
	 * @return a Markdown line
	 */
	public static String heal(List<SimulationResult> results, ScheduleVariant variant) {
		SimulationResult heal = find(results, Scenario.partitionHeal(100_000).name(), variant);
		return SimulationTable.format(
				"- %s: partition heal at 100,000 clients balanced after %s, every client rebalanced after %s "
						+ "(the new interval: %.1f to %.1f s)%n",
				variant.label(), SimulationTable.time(heal.balancedAfter()),
				SimulationTable.time(heal.allRebalancedAfter()), heal.intervals().minSeconds(),
				heal.intervals().maxSeconds());
	}

	private static void rate(StringBuilder table, String claim, double claimed, double seed, double improved) {
		table.append(SimulationTable.format("| %s | ~%.0f | %.1f | %+.0f%% | %.1f |%n", claim, claimed, seed,
				100 * (seed - claimed) / claimed, improved));
	}

	private static void time(StringBuilder table, String claim, double claimedMinutes, @Nullable Duration seed,
			@Nullable Duration improved) {
		String difference = (seed != null)
				? SimulationTable.format("%+.0f%%", 100 * (seed.toNanos() / 60e9 - claimedMinutes) / claimedMinutes)
				: "-";
		table.append(SimulationTable.format("| %s | ~%s min | %s | %s | %s |%n", claim,
				SimulationTable.format("%.1f", claimedMinutes).replace(".0", ""), SimulationTable.time(seed),
				difference, SimulationTable.time(improved)));
	}

	private static SimulationResult find(List<SimulationResult> results, String scenario, ScheduleVariant variant) {
		for (SimulationResult result : results) {
			if (result.scenario().name().equals(scenario) && result.variant() == variant) {
				return result;
			}
		}
		throw new IllegalArgumentException("No result for scenario '" + scenario + "' under " + variant);
	}

}
