package io.github.servermanager.benchmarks.simulator;

import java.time.Duration;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * What one run measured, counted per server and per second of the measured window. Times
 * are relative to the start of the window (t0).
 */
public final class SimulationResult {

	private static final double NANOS_PER_SECOND = 1e9;

	private final Scenario scenario;

	private final ScheduleVariant variant;

	private final int servers;

	private final int[] rebalances;

	private final int[] newConnections;

	private final int[] holders;

	private final IntervalStatistics intervals;

	private final long allRebalancedAfterNanos;

	private final long balancedAfterNanos;

	private final long longestWaitAtStartNanos;

	private final FrontMode frontMode;

	private final long longestStayNanos;

	SimulationResult(Scenario scenario, ScheduleVariant variant, int[] rebalances, int[] newConnections, int[] holders,
			IntervalStatistics intervals, long allRebalancedAfterNanos, long balancedAfterNanos,
			long longestWaitAtStartNanos, FrontMode frontMode, long longestStayNanos) {
		this.scenario = scenario;
		this.variant = variant;
		this.servers = scenario.servers().size();
		this.rebalances = rebalances;
		this.newConnections = newConnections;
		this.holders = holders;
		this.intervals = intervals;
		this.allRebalancedAfterNanos = allRebalancedAfterNanos;
		this.balancedAfterNanos = balancedAfterNanos;
		this.longestWaitAtStartNanos = longestWaitAtStartNanos;
		this.frontMode = frontMode;
		this.longestStayNanos = longestStayNanos;
	}

	public FrontMode frontMode() {
		return this.frontMode;
	}

	/**
	 * Returns the busiest server's clients over the fair share, averaged over the whole
	 * seconds of the window: what a random front costs against an even spread.
	 * @return the mean of max(holders) / (clients / servers)
	 */
	public double meanBusiestShare() {
		double sum = 0;
		int samples = this.holders.length / this.servers;
		for (int second = 0; second < samples; second++) {
			sum += busiest(second);
		}
		return sum / samples / this.scenario.fairShare();
	}

	/**
	 * Returns the busiest server's clients over the fair share in the worst whole second.
	 * @return the max over seconds of max(holders) / (clients / servers)
	 */
	public double worstBusiestShare() {
		int worst = 0;
		for (int second = 0; second < this.holders.length / this.servers; second++) {
			worst = Math.max(worst, busiest(second));
		}
		return worst / this.scenario.fairShare();
	}

	/**
	 * Returns the longest time a client kept the same front, counting stays that ended in
	 * the window and those still running at its end.
	 * @return the longest stay
	 */
	public Duration longestStay() {
		return Duration.ofNanos(this.longestStayNanos);
	}

	private int busiest(int second) {
		int busiest = 0;
		for (int server = 0; server < this.servers; server++) {
			busiest = Math.max(busiest, holders(second, server));
		}
		return busiest;
	}

	public Scenario scenario() {
		return this.scenario;
	}

	public ScheduleVariant variant() {
		return this.variant;
	}

	/**
	 * Returns how many rebalances put {@code server} in front during one second, whether
	 * or not the client's front changed: every rebalance pings the server it picks.
	 * @param second the second of the window, from 0
	 * @param server the server index
	 * @return the count
	 */
	public int rebalances(int second, int server) {
		return this.rebalances[second * this.servers + server];
	}

	/**
	 * Returns how many clients a rebalance moved to {@code server} during one second: the
	 * new connections rebalancing opened to it.
	 * @param second the second of the window, from 0
	 * @param server the server index
	 * @return the count
	 */
	public int newConnections(int second, int server) {
		return this.newConnections[second * this.servers + server];
	}

	/**
	 * Returns how many clients had {@code server} in front at a whole second after t0,
	 * counting everything that happened at that instant.
	 * @param second from 0 to the window length, inclusive
	 * @param server the server index
	 * @return the count
	 */
	public int holders(int second, int server) {
		return this.holders[second * this.servers + server];
	}

	public double meanRebalancesPerServerPerSecond() {
		return mean(this.rebalances);
	}

	public int worstRebalanceWindow() {
		return Arrays.stream(this.rebalances).max().orElse(0);
	}

	public double meanNewConnectionsPerServerPerSecond() {
		return mean(this.newConnections);
	}

	public int worstNewConnectionWindow() {
		return Arrays.stream(this.newConnections).max().orElse(0);
	}

	/**
	 * Returns the intervals clients armed after their rebalances in the window.
	 * @return the statistics, empty when no client rebalanced
	 */
	public IntervalStatistics intervals() {
		return this.intervals;
	}

	/**
	 * Returns how long after t0 the last client had rebalanced at least once.
	 * @return the time, or {@code null} when some client never rebalanced in the window
	 */
	public @Nullable Duration allRebalancedAfter() {
		return (this.allRebalancedAfterNanos < 0) ? null : Duration.ofNanos(this.allRebalancedAfterNanos);
	}

	/**
	 * Returns how long after t0 every server held within 10% of its fair share of
	 * clients, for good: the last time the cluster entered that state before the window
	 * ended, or zero when it was in it at t0 and never left.
	 * @return the time, or {@code null} when the cluster was out of balance at the end
	 */
	public @Nullable Duration balancedAfter() {
		return (this.balancedAfterNanos < 0) ? null : Duration.ofNanos(this.balancedAfterNanos);
	}

	/**
	 * Returns the latest deadline any client had armed just after t0: how long the
	 * schedule made the slowest client wait before it could act on what happened at t0.
	 * @return the wait, or {@code null} when no client had joined by t0
	 */
	public @Nullable Duration longestWaitAtStart() {
		return (this.longestWaitAtStartNanos < 0) ? null : Duration.ofNanos(this.longestWaitAtStartNanos);
	}

	private double mean(int[] counts) {
		long total = 0;
		for (int count : counts) {
			total += count;
		}
		return total / (double) counts.length;
	}

	/**
	 * Minimum, mean and maximum of the intervals clients computed.
	 *
	 * @param count how many intervals
	 * @param minNanos the shortest
	 * @param meanNanos the mean
	 * @param maxNanos the longest
	 */
	public record IntervalStatistics(long count, long minNanos, double meanNanos, long maxNanos) {

		public double minSeconds() {
			return this.minNanos / NANOS_PER_SECOND;
		}

		public double meanSeconds() {
			return this.meanNanos / NANOS_PER_SECOND;
		}

		public double maxSeconds() {
			return this.maxNanos / NANOS_PER_SECOND;
		}

	}

}
