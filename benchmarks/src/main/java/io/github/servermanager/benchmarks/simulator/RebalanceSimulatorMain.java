package io.github.servermanager.benchmarks.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every scenario of issue 6 under the seed's schedule and the improved one, then a
 * sweep of partition lengths; prints the tables and writes the partition-heal chart.
 * <p>
 * Arguments: {@code [--seed N] [--svg PATH]}. The chart goes to
 * {@code benchmarks/docs/partition-heal.svg} unless told otherwise.
 */
public final class RebalanceSimulatorMain {

	/** The improved schedule must keep every 1-second window at or below this. */
	static final int WORST_WINDOW_TARGET = 96;

	private static final int[] SWEEP_MINUTES = { 6, 10, 20, 30 };

	private static final int SWEEP_MEASURE_SECONDS = 1800;

	private final RebalanceSimulator simulator;

	private final PrintStream out;

	private RebalanceSimulatorMain(RebalanceSimulator simulator, PrintStream out) {
		this.simulator = simulator;
		this.out = out;
	}

	public static void main(String[] args) throws IOException {
		long seed = 6;
		Path svg = Path.of("benchmarks/docs/partition-heal.svg");
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--seed" -> seed = Long.parseLong(requireValue(args, ++i));
				case "--svg" -> svg = Path.of(requireValue(args, ++i));
				default -> throw new IllegalArgumentException(
						"Unknown argument '" + args[i] + "': use [--seed N] [--svg PATH]");
			}
		}
		long started = System.nanoTime();
		new RebalanceSimulatorMain(new RebalanceSimulator(seed), System.out).runAll(svg);
		System.out.printf("all runs: %d s, seed %d%n", Duration.ofNanos(System.nanoTime() - started).toSeconds(), seed);
	}

	private void runAll(Path svg) throws IOException {
		List<Scenario> scenarios = List.of(Scenario.steadyState(10_000, 5), Scenario.steadyState(100_000, 5),
				Scenario.partitionHeal(10_000), Scenario.partitionHeal(100_000), Scenario.sixthServerJoins(10_000),
				Scenario.coldStart(10_000, 5), Scenario.coldStart(100_000, 5));
		List<SimulationResult> results = new ArrayList<>();
		for (Scenario scenario : scenarios) {
			results.add(run(scenario, ScheduleVariant.SEED));
			results.add(run(scenario, ScheduleVariant.IMPROVED));
		}
		List<List<SimulationResult>> sweep = new ArrayList<>();
		for (int minutes : SWEEP_MINUTES) {
			Scenario scenario = Scenario.partitionHeal(100_000, Duration.ofMinutes(minutes), SWEEP_MEASURE_SECONDS);
			List<SimulationResult> row = new ArrayList<>();
			for (ScheduleVariant variant : ScheduleVariant.values()) {
				row.add(run(scenario, variant));
			}
			sweep.add(row);
		}
		this.out.println();
		this.out.println("### Every scenario, the seed's schedule beside the improved one\n");
		this.out.println(SimulationTable.results(results));
		this.out.println("### The seed's figures\n");
		this.out.println(SeedClaims.table(results));
		this.out.println("### Partition heal at 100,000 clients, by how long the partition lasted\n");
		this.out.println(SimulationTable.sweep(sweep));
		List<SimulationResult> everything = new ArrayList<>(results);
		sweep.forEach(everything::addAll);
		this.out.println("### Targets\n");
		this.out.print(SeedClaims.worstWindow(everything, ScheduleVariant.IMPROVED, WORST_WINDOW_TARGET));
		this.out.print(SeedClaims.heal(everything, ScheduleVariant.IMPROVED));
		this.out.println();
		Scenario heal = Scenario.partitionHeal(100_000);
		List<SimulationResult> chart = new ArrayList<>();
		for (SimulationResult result : results) {
			if (result.scenario().equals(heal)) {
				chart.add(result);
			}
		}
		PartitionHealChart.write(svg, chart, 30 * 60);
		this.out.println("chart written to " + svg);
	}

	private SimulationResult run(Scenario scenario, ScheduleVariant variant) {
		long started = System.nanoTime();
		SimulationResult result = this.simulator.run(scenario, variant);
		this.out.printf("simulated %-75s %-38s in %5d ms%n", scenario.name(), variant.label(),
				Duration.ofNanos(System.nanoTime() - started).toMillis());
		return result;
	}

	private static String requireValue(String[] args, int index) {
		if (index >= args.length) {
			throw new IllegalArgumentException("Argument '" + args[index - 1] + "' needs a value");
		}
		return args[index];
	}

}
