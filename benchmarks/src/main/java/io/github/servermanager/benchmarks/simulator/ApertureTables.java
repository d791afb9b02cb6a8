package io.github.servermanager.benchmarks.simulator;

import java.util.List;
import java.util.Locale;

/**
 * Formats the aperture simulation's results as Markdown tables, and checks the aperture's
 * figures against their targets.
 */
final class ApertureTables {

	/** The busiest server may take at most this much over its fair share. */
	static final double BUSIEST_TARGET = 1.10;

	/** The same, among the servers that still answer after one stopped. */
	static final double SURVIVORS_BUSIEST_TARGET = 1.25;

	/** Consul's newRebalanceConnsPerSecPerServer. */
	static final int CONNECTION_BUDGET = 64;

	private ApertureTables() {
	}

	/**
	 * Returns the most servers an aperture client may send to between two rebalances: its
	 * one server when there are at least as many clients as servers, else
	 * {@code ceil(servers / clients) + 1}.
	 * @param scenario the fleet
	 * @return the bound
	 */
	static int connectionsTarget(ApertureScenario scenario) {
		if (scenario.clients() >= scenario.servers()) {
			return 1;
		}
		return (scenario.servers() + scenario.clients() - 1) / scenario.clients() + 1;
	}

	/**
	 * Formats the runs in which every server answered.
	 * @param results one per fleet and balancer
	 * @return the table
	 */
	static String steady(List<ApertureResult> results) {
		StringBuilder table = new StringBuilder();
		table.append("| clients / servers | balancer | requests per client per s "
				+ "| busiest server / fair share (mean s / worst s / worst interval) "
				+ "| connections per client, max (aperture's bound) "
				+ "| new connections per server per s, pings included (mean / worst s) "
				+ "| moves per client per interval, min |\n");
		table.append("|---|---|---|---|---|---|---|\n");
		for (ApertureResult result : results) {
			ApertureScenario scenario = result.scenario();
			table
				.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f / %.2f / %.2f | %d (%d) | %.2f / %d | %s |%n",
						scenario.size(), result.balancer().label(), scenario.requestsPerSecond(),
						result.busiestMeanSecond(), result.busiestWorstSecond(), result.busiestWorstInterval(),
						result.maxConnectionsPerClient(), connectionsTarget(scenario), result.meanNewConnections(),
						result.worstNewConnections(), moves(result)));
		}
		return table.toString();
	}

	/**
	 * Formats the runs in which one server stopped, without and with a retry.
	 * @param rows one per fleet and balancer
	 * @return the table
	 */
	static String stopped(List<StopRow> rows) {
		StringBuilder table = new StringBuilder();
		table.append("| clients / servers | balancer | failed requests per client, no retry (max / mean) "
				+ "| with one retry (max / mean) "
				+ "| busiest surviving server / fair share, no retry (mean s / worst s / worst interval) |\n");
		table.append("|---|---|---|---|---|\n");
		for (StopRow row : rows) {
			ApertureResult plain = row.plain();
			ApertureResult retried = row.retried();
			table.append(String.format(Locale.ROOT, "| %s | %s | %d / %.1f | %d / %.1f | %.2f / %.2f / %.2f |%n",
					plain.scenario().size(), plain.balancer().label(), plain.maxFailedPerClient(),
					plain.meanFailedPerClient(), retried.maxFailedPerClient(), retried.meanFailedPerClient(),
					plain.busiestMeanSecond(), plain.busiestWorstSecond(), plain.busiestWorstInterval()));
		}
		return table.toString();
	}

	/**
	 * Checks the aperture's runs against the targets, one line per fleet.
	 * @param results the runs in which every server answered
	 * @param stops the runs in which one server stopped
	 * @return the lines
	 */
	static String targets(List<ApertureResult> results, List<StopRow> stops) {
		StringBuilder lines = new StringBuilder();
		for (ApertureResult result : results) {
			if (result.balancer() != RequestBalancer.APERTURE) {
				continue;
			}
			ApertureScenario scenario = result.scenario();
			lines.append(String.format(Locale.ROOT,
					"- aperture %s: busiest / fair %.2f in the worst second (target <= %.2f) %s; "
							+ "%d connections per client (target <= %d) %s; "
							+ "%d new connections per server in the worst second (budget %d) %s; "
							+ "every client moved every interval %s%n",
					scenario.size(), result.busiestWorstSecond(), BUSIEST_TARGET,
					met(result.busiestWorstSecond() <= BUSIEST_TARGET), result.maxConnectionsPerClient(),
					connectionsTarget(scenario), met(result.maxConnectionsPerClient() <= connectionsTarget(scenario)),
					result.worstNewConnections(), CONNECTION_BUDGET,
					met(result.worstNewConnections() <= CONNECTION_BUDGET), moved(result)));
		}
		for (StopRow row : stops) {
			if (row.plain().balancer() != RequestBalancer.APERTURE) {
				continue;
			}
			ApertureResult plain = row.plain();
			lines.append(String.format(Locale.ROOT,
					"- aperture %s, one server stopped: %d failed requests per client without retry (target <= 1) "
							+ "%s, %d with one retry (target 0) %s; busiest surviving server / fair %.2f in the "
							+ "worst second (target <= %.2f) %s%n",
					plain.scenario().size(), plain.maxFailedPerClient(), met(plain.maxFailedPerClient() <= 1),
					row.retried().maxFailedPerClient(), met(row.retried().maxFailedPerClient() == 0),
					plain.busiestWorstSecond(), SURVIVORS_BUSIEST_TARGET,
					met(plain.busiestWorstSecond() <= SURVIVORS_BUSIEST_TARGET)));
		}
		return lines.toString();
	}

	private static String moves(ApertureResult result) {
		if (result.everyServerInUse()) {
			return "- (every server in use)";
		}
		return String.format(Locale.ROOT, "%d (intervals of %.0f s)", result.minMovesPerInterval(),
				result.longestIntervalSeconds());
	}

	private static String moved(ApertureResult result) {
		if (result.everyServerInUse()) {
			return "- (its aperture is every server)";
		}
		return (result.minMovesPerInterval() >= 1) ? "yes" : "NO";
	}

	private static String met(boolean met) {
		return met ? "met" : "MISSED";
	}

	/**
	 * One fleet and balancer with a server stopping, without and with a retry.
	 *
	 * @param plain the run without retry
	 * @param retried the run with one retry
	 */
	record StopRow(ApertureResult plain, ApertureResult retried) {

	}

}
