package io.github.servermanager.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The rebalance deadline of one {@link ServerManager}, in the caller's clock. The
 * scheduler that drives real managers and the simulator that drives thousands of virtual
 * ones both decide "is it time?" here, so they follow the same rules.
 * <p>
 * Times are nanoseconds on any monotonic clock ({@link System#nanoTime()} or a virtual
 * one); only differences between them matter.
 */
public final class RebalanceSchedule {

	private final ServerManager<?> manager;

	private final RebalanceSpread spread;

	private final boolean rearmOnMembershipChange;

	private long deadlineNanos;

	private Duration interval;

	private int armedForServers;

	/**
	 * Arms the first deadline from {@code nowNanos}.
	 * @param manager the manager whose rebalances this schedules
	 * @param spread how deadlines are drawn
	 * @param rearmOnMembershipChange whether a change in the number of servers brings the
	 * deadline forward to one computed for the new number
	 * @param nowNanos the current time
	 */
	public RebalanceSchedule(ServerManager<?> manager, RebalanceSpread spread, boolean rearmOnMembershipChange,
			long nowNanos) {
		this.manager = Objects.requireNonNull(manager, "manager must not be null");
		this.spread = Objects.requireNonNull(spread, "spread must not be null");
		this.rearmOnMembershipChange = rearmOnMembershipChange;
		this.interval = manager.initialRebalanceDelay(spread);
		this.deadlineNanos = nowNanos + RateScaling.saturatedNanos(this.interval);
		this.armedForServers = manager.numServers();
	}

	/**
	 * Returns whether the deadline has passed, first re-arming it if the number of
	 * servers changed and re-arming is on.
	 * @param nowNanos the current time
	 * @return {@code true} when the manager should rebalance now
	 */
	public synchronized boolean isDue(long nowNanos) {
		rearmIfMembershipChanged(nowNanos);
		return nowNanos - this.deadlineNanos >= 0;
	}

	/**
	 * Records that a rebalance just finished and arms the next deadline.
	 * @param nowNanos the current time
	 * @return the interval until the next rebalance
	 */
	public synchronized Duration rebalanced(long nowNanos) {
		this.interval = this.manager.nextRebalanceDelay(this.spread);
		this.deadlineNanos = nowNanos + RateScaling.saturatedNanos(this.interval);
		this.armedForServers = this.manager.numServers();
		return this.interval;
	}

	/**
	 * Returns the time of the next rebalance.
	 * @return the deadline, in the caller's clock
	 */
	public synchronized long deadlineNanos() {
		return this.deadlineNanos;
	}

	/**
	 * Returns the interval the current deadline was computed from.
	 * @return the last interval armed
	 */
	public synchronized Duration interval() {
		return this.interval;
	}

	/**
	 * Returns the schedule in use.
	 * @return the spread
	 */
	public RebalanceSpread spread() {
		return this.spread;
	}

	/**
	 * A delay computed for the old server count is wrong for the new one: after a
	 * partition heals it would keep clients on one server for many minutes. Re-arming
	 * only ever brings the deadline forward, so membership that keeps changing cannot
	 * postpone a rebalance forever.
	 */
	private void rearmIfMembershipChanged(long nowNanos) {
		if (!this.rearmOnMembershipChange) {
			return;
		}
		int servers = this.manager.numServers();
		if (servers == this.armedForServers) {
			return;
		}
		this.armedForServers = servers;
		if (servers == 0) {
			return;
		}
		// Consul's schedule has no "first" delay other than minReuse, so it takes a
		// regular
		// one; the spread schedule draws a point in the new interval, as at start-up.
		Duration delay = (this.spread == RebalanceSpread.CONSUL) ? this.manager.nextRebalanceDelay()
				: this.manager.initialRebalanceDelay(this.spread);
		long candidate = nowNanos + RateScaling.saturatedNanos(delay);
		if (candidate - this.deadlineNanos < 0) {
			this.deadlineNanos = candidate;
			this.interval = delay;
		}
	}

}
