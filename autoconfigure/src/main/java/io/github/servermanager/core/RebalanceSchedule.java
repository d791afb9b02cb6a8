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
	 * @param rearmOnMembershipChange whether a change in the number of servers re-arms
	 * the deadline for the new number
	 * @param nowNanos the current time
	 */
	public RebalanceSchedule(ServerManager<?> manager, RebalanceSpread spread, boolean rearmOnMembershipChange,
			long nowNanos) {
		this.manager = Objects.requireNonNull(manager, "manager must not be null");
		this.spread = Objects.requireNonNull(spread, "spread must not be null");
		this.rearmOnMembershipChange = rearmOnMembershipChange;
		arm(nowNanos, manager.initialRebalanceDelay(spread));
		this.armedForServers = manager.numServers();
	}

	/**
	 * Returns whether the deadline has passed, first re-arming it if the number of
	 * servers changed.
	 * @param nowNanos the current time
	 * @return {@code true} when the manager should rebalance now
	 */
	public synchronized boolean isDue(long nowNanos) {
		rearmIfMembershipChanged(nowNanos);
		return nowNanos - this.deadlineNanos >= 0;
	}

	/**
	 * Re-arms the deadline if the number of servers changed since it was armed. Call it
	 * when membership changes so the new deadline counts from the change, not from the
	 * next {@link #isDue} that notices it.
	 * @param nowNanos the current time
	 */
	public synchronized void membershipChanged(long nowNanos) {
		rearmIfMembershipChanged(nowNanos);
	}

	/**
	 * Records that a rebalance just finished and arms the next deadline.
	 * @param nowNanos the current time
	 * @return the interval until the next rebalance
	 */
	public synchronized Duration rebalanced(long nowNanos) {
		arm(nowNanos, this.manager.nextRebalanceDelay(this.spread));
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
	 * partition heals it would keep clients on one server for many minutes. Under the
	 * spread schedule the deadline is redrawn over one interval for the new count, even
	 * when that is later than the old deadline: a deadline armed for the old count would
	 * otherwise pile its rebalances onto those of the managers that redraw, and a count
	 * that keeps changing only keeps redrawing within one interval. Under Consul's
	 * schedule a re-arm only ever brings the deadline forward. A list that was empty
	 * starts over, as a new manager does, since its first interval knew no servers.
	 */
	private void rearmIfMembershipChanged(long nowNanos) {
		int servers = this.manager.numServers();
		if (servers == this.armedForServers) {
			return;
		}
		int previous = this.armedForServers;
		this.armedForServers = servers;
		if (servers == 0) {
			return;
		}
		if (previous == 0 && this.spread == RebalanceSpread.SPREAD) {
			arm(nowNanos, this.manager.initialRebalanceDelay(this.spread));
			return;
		}
		if (!this.rearmOnMembershipChange) {
			return;
		}
		Duration delay = this.manager.membershipChangeDelay(this.spread);
		long candidate = nowNanos + RateScaling.saturatedNanos(delay);
		if (this.spread == RebalanceSpread.SPREAD || candidate - this.deadlineNanos < 0) {
			arm(nowNanos, delay);
		}
	}

	private void arm(long nowNanos, Duration drawn) {
		Duration delay = this.manager.selectionDelay(drawn);
		this.interval = delay;
		this.deadlineNanos = nowNanos + RateScaling.saturatedNanos(delay);
	}

}
