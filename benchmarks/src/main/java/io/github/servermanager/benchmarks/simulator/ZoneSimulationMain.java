package io.github.servermanager.benchmarks.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares the seed's random front, the zone-first front and Spring's round robin with
 * and without its zone preference, on clients and servers spread over three zones: the
 * share of requests that cross zones, the busiest server, and what a whole-zone outage
 * costs.
 * <p>
 * Arguments: {@code [--seed N]}.
 */
public final class ZoneSimulationMain {

	private ZoneSimulationMain() {
	}

	public static void main(String[] args) {
		long seed = SeedArgument.parse(args, 13);
		ZoneScenario scenario = ZoneScenario.threeZones();
		long started = System.nanoTime();
		List<ZoneRow> rows = rows(new ZoneSimulation(seed), scenario);
		System.out.printf("simulated %d clients, %d servers in %d zones, %s virtual per mode, in %d ms%n%n",
				scenario.clients(), scenario.servers(), scenario.zones(), scenario.end(),
				Duration.ofNanos(System.nanoTime() - started).toMillis());
		System.out.println(table(rows));
		System.out.print(pings(rows, scenario));
		System.out.printf("seed %d%n", seed);
	}

	/**
	 * Runs every mode; the managed ones with and without the failover check.
	 * @param simulation the simulation
	 * @param scenario the fleet and the outage
	 * @return one row per mode
	 */
	static List<ZoneRow> rows(ZoneSimulation simulation, ZoneScenario scenario) {
		List<ZoneRow> rows = new ArrayList<>();
		for (ZoneMode mode : ZoneMode.values()) {
			ZoneResult checked = simulation.run(scenario, mode, true);
			ZoneResult plain = mode.managed() ? simulation.run(scenario, mode, false) : checked;
			rows.add(new ZoneRow(checked, plain));
		}
		return rows;
	}

	/**
	 * Formats the rows as a Markdown table.
	 * @param rows the rows
	 * @return the table
	 */
	static String table(List<ZoneRow> rows) {
		StringBuilder table = new StringBuilder();
		table.append("| front | cross-zone requests, steady state | busiest server / fair share (mean / worst s) "
				+ "| failed requests per zone-a client, failover check (max / mean) "
				+ "| without the check, Consul's rotation (max / mean) | clients with a failure "
				+ "| every zone-a client back in zone a after its servers return |\n");
		table.append("|---|---|---|---|---|---|---|\n");
		for (ZoneRow row : rows) {
			ZoneResult checked = row.checked();
			ZoneResult plain = row.plain();
			boolean managed = checked.mode().managed();
			table.append(String.format(Locale.ROOT, "| %s | %.1f%% | %.2f / %.2f | %s | %d / %.1f | %d of %d | %s |%n",
					checked.mode().label(), checked.crossZoneShare() * 100, checked.meanBusiestShare(),
					checked.worstBusiestShare(),
					managed ? String.format(Locale.ROOT, "%d / %.1f", checked.maxFailedInZoneA(),
							checked.meanFailedInZoneA()) : "- (no failover)",
					plain.maxFailedInZoneA(), plain.meanFailedInZoneA(), checked.clientsWithFailures(),
					ZoneScenario.threeZones().clients(), back(checked)));
		}
		return table.toString();
	}

	/**
	 * Says what the outage cost in pings: the failover check's and the rebalances'.
	 * @param rows the rows
	 * @param scenario the scenario they ran
	 * @return one line per managed mode
	 */
	static String pings(List<ZoneRow> rows, ZoneScenario scenario) {
		StringBuilder lines = new StringBuilder();
		for (ZoneRow row : rows) {
			if (row.checked().mode().managed()) {
				lines.append(String.format(Locale.ROOT,
						"%s: %d pings by all %d clients during the %s outage with the failover check, %d without%n",
						row.checked().mode().label(), row.checked().outagePings(), scenario.clients(),
						scenario.outage(), row.plain().outagePings()));
			}
		}
		return lines.toString();
	}

	private static String back(ZoneResult result) {
		if (!result.mode().zoneAware()) {
			return "- (no zones: " + String.format(Locale.ROOT, "%.0f%%", result.crossZoneShare() * 100)
					+ " cross for good)";
		}
		if (result.backInZoneSeconds() < 0) {
			return "not by the end";
		}
		String seconds = String.format(Locale.ROOT, "%.1f s", result.backInZoneSeconds());
		if (result.maxRebalancesToReturn() < 0) {
			return seconds + " (next health check)";
		}
		return String.format(Locale.ROOT, "%s, at the first rebalance (%d; intervals %.0f-%.0f s)", seconds,
				result.maxRebalancesToReturn(), result.minIntervalSeconds(), result.maxIntervalSeconds());
	}

	/**
	 * One mode, with and without the failover check.
	 *
	 * @param checked the run with the check (the only one for round robin)
	 * @param plain the run without it
	 */
	record ZoneRow(ZoneResult checked, ZoneResult plain) {

	}

}
