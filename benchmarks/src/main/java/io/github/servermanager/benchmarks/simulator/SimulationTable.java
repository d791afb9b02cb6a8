package io.github.servermanager.benchmarks.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.github.servermanager.benchmarks.simulator.SimulationResult.IntervalStatistics;

import org.jspecify.annotations.Nullable;

/**
 * Formats simulation results as Markdown tables.
 */
public final class SimulationTable {

	private SimulationTable() {
	}

	/**
	 * Returns one row per result, under a header that says what each column counts.
	 * @param results the results, typically each scenario under both schedules
	 * @return a Markdown table
	 */
	public static String results(List<SimulationResult> results) {
		StringBuilder table = new StringBuilder();
		table.append("| scenario | schedule | interval computed, s (min / mean / max) | longest wait armed at t0 "
				+ "| rebalances per server per s (mean / worst 1 s) "
				+ "| new connections per server per s (mean / worst 1 s) | every client rebalanced after "
				+ "| every server within 10% of fair share after |\n");
		table.append("|---|---|---|---|---|---|---|---|\n");
		for (SimulationResult result : results) {
			IntervalStatistics intervals = result.intervals();
			table.append("| ")
				.append(result.scenario().name())
				.append(" | ")
				.append(result.variant().label())
				.append(" | ")
				.append((intervals.count() == 0) ? "-"
						: format("%.1f / %.1f / %.1f", intervals.minSeconds(), intervals.meanSeconds(),
								intervals.maxSeconds()))
				.append(" | ")
				.append(time(result.longestWaitAtStart()))
				.append(" | ")
				.append(format("%.1f / %d", result.meanRebalancesPerServerPerSecond(), result.worstRebalanceWindow()))
				.append(" | ")
				.append(format("%.1f / %d", result.meanNewConnectionsPerServerPerSecond(),
						result.worstNewConnectionWindow()))
				.append(" | ")
				.append(time(result.allRebalancedAfter()))
				.append(" | ")
				.append(time(result.balancedAfter()))
				.append(" |\n");
		}
		return table.toString();
	}

	/**
	 * Returns one row per scenario and one column group per schedule: how long the
	 * cluster took to balance, and the worst 1-second window.
	 * @param rows results of one scenario each, every row in the same schedule order
	 * @return a Markdown table
	 */
	public static String sweep(List<List<SimulationResult>> rows) {
		StringBuilder table = new StringBuilder("| partition lasted |");
		StringBuilder rule = new StringBuilder("|---|");
		for (SimulationResult result : rows.get(0)) {
			table.append(" ").append(result.variant().label()).append(": balanced after / worst 1 s |");
			rule.append("---|");
		}
		table.append('\n').append(rule).append('\n');
		for (List<SimulationResult> row : rows) {
			MembershipChange partition = row.get(0).scenario().changes().get(0);
			table.append(format("| %d min |", Duration.ofNanos(-partition.atNanos()).toMinutes()));
			for (SimulationResult result : row) {
				table.append(" ")
					.append(time(result.balancedAfter()))
					.append(" / ")
					.append(result.worstRebalanceWindow())
					.append(" |");
			}
			table.append('\n');
		}
		return table.toString();
	}

	/**
	 * Formats a duration as seconds and minutes, or "never" for {@code null}.
	 * @param time the duration
	 * @return the text
	 */
	public static String time(@Nullable Duration time) {
		if (time == null) {
			return "never";
		}
		double seconds = time.toNanos() / 1e9;
		return format("%.1f s (%.1f min)", seconds, seconds / 60);
	}

	static String format(String pattern, Object... args) {
		return String.format(Locale.ROOT, pattern, args);
	}

}
