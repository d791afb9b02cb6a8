package io.github.servermanager.benchmarks.simulator;

import io.github.servermanager.core.RebalanceSpread;

/**
 * The two rebalance schedules compared side by side.
 */
public enum ScheduleVariant {

	/** The seed's schedule exactly: Consul's spread, deadlines never re-armed. */
	SEED("seed (consul, no re-arm)", RebalanceSpread.CONSUL, false),

	/** The improved defaults: jitter after rate scaling, re-arm on membership change. */
	IMPROVED("improved (spread + re-arm)", RebalanceSpread.SPREAD, true),

	/**
	 * A change proposed for the core, applied by the simulator: as {@link #IMPROVED}, but
	 * a change in the number of servers replaces the deadline with a fresh first deadline
	 * for the new number ({@code initialRebalanceDelay(SPREAD)}) instead of only ever
	 * bringing it forward. Deadlines kept from before the change would otherwise pile up
	 * on top of the re-armed ones.
	 */
	PROPOSED("proposed (spread + re-arm that replaces)", RebalanceSpread.SPREAD, false);

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

	/**
	 * Returns whether the simulator, not the core, re-arms deadlines.
	 * @return {@code true} for the proposed schedule
	 */
	public boolean proposed() {
		return this == PROPOSED;
	}

}
