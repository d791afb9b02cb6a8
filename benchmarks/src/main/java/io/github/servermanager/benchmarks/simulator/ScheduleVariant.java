package io.github.servermanager.benchmarks.simulator;

import io.github.servermanager.core.RebalanceSpread;

/**
 * The two rebalance schedules compared side by side.
 */
public enum ScheduleVariant {

	/** The seed's schedule exactly: Consul's spread, deadlines never re-armed. */
	SEED("seed (consul, no re-arm)", RebalanceSpread.CONSUL, false),

	/**
	 * The improved defaults: jitter after rate scaling, a first deadline after
	 * {@code minReuse}, and a deadline redrawn over one interval whenever the number of
	 * servers changes.
	 */
	IMPROVED("improved (spread + re-arm)", RebalanceSpread.SPREAD, true);

	private final String label;

	private final RebalanceSpread spread;

	private final boolean rearmOnMembershipChange;

	ScheduleVariant(String label, RebalanceSpread spread, boolean rearmOnMembershipChange) {
		this.label = label;
		this.spread = spread;
		this.rearmOnMembershipChange = rearmOnMembershipChange;
	}

	/**
	 * Returns how tables name this schedule.
	 * @return a short label
	 */
	public String label() {
		return this.label;
	}

	/**
	 * Returns the spread the managers use.
	 * @return the spread
	 */
	public RebalanceSpread spread() {
		return this.spread;
	}

	/**
	 * Returns whether the core's schedule re-arms deadlines when the number of servers
	 * changes.
	 * @return {@code true} to re-arm
	 */
	public boolean rearmOnMembershipChange() {
		return this.rearmOnMembershipChange;
	}

}
