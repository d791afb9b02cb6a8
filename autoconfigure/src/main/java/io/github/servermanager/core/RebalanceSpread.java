package io.github.servermanager.core;

/**
 * How a manager picks its rebalance deadlines.
 */
public enum RebalanceSpread {

	/**
	 * Consul's schedule, exactly: the first rebalance after {@code minReuse}, then
	 * {@code max(minReuse + stagger(minReuse / jitterFraction), clusterSize / rate)}.
	 * Clients that start together stay together once the rate-scaled term dominates,
	 * because that term carries no jitter.
	 */
	CONSUL,

	/**
	 * The first deadline comes after {@code minReuse} plus a point drawn uniformly over a
	 * whole interval, and the jitter is added after rate scaling:
	 * {@code base + stagger(base / jitterFraction)} with
	 * {@code base = max(minReuse, clusterSize / rate)}. A fleet that restarts at once
	 * still reconnects at the budgeted rate, and a change in the number of servers
	 * redraws the deadline over one interval for the new number.
	 */
	SPREAD

}
