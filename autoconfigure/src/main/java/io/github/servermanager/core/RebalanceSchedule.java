package io.github.servermanager.core;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The rebalance deadline of one {@link ServerManager}, in the caller's clock, and the
 * policy that draws it. The scheduler that drives real managers and the simulator that
 * drives thousands of virtual ones both decide "is it time?" here, so they follow the
 * same rules.
 * <p>
 * Three rules hold under both {@link RebalanceSpread spreads}:
 * <ul>
 * <li>{@code minReuse} is a floor: no deadline, however it was armed, comes earlier than
 * {@code minReuse} after the last rebalance that found a healthy server (or after the
 * schedule was created), so a client keeps a working connection at least that long.</li>
 * <li>After a rebalance in which no server answered, the next one comes after a short
 * back-off ({@code offlineRecheck}, doubling up to the normal interval) rather than a
 * whole interval. The floor does not apply there: it protects a healthy front from being
 * moved too soon, and an offline manager has none.</li>
 * <li>A change in the number of servers may re-arm the deadline for the new number (see
 * {@link #membershipChanged}); a deadline armed by the back-off is kept.</li>
 * </ul>
 * Times are nanoseconds on any monotonic clock ({@link System#nanoTime()} or a virtual
 * one); only differences between them matter.
 */
public final class RebalanceSchedule {

	/** The first re-check after a rebalance in which no server answered. */
	public static final Duration DEFAULT_OFFLINE_RECHECK = Duration.ofSeconds(5);

	private final ServerManager<?> manager;

	private final RebalanceSpread spread;

	private final boolean rearmOnMembershipChange;

	private final Duration offlineRecheck;

	private long deadlineNanos;

	private Duration interval;

	private int armedForServers;

	/**
	 * No deadline may come earlier: {@code minReuse} after the last healthy rebalance.
	 */
	private long floorNanos;

	/**
	 * The back-off step armed after the last rebalance, or null when it was not offline.
	 */
	private @Nullable Duration offlineStep;

	/**
	 * Arms the first deadline from {@code nowNanos}, with the default offline re-check.
	 * @param manager the manager whose rebalances this schedules
	 * @param spread how deadlines are drawn
	 * @param rearmOnMembershipChange whether a change in the number of servers re-arms
	 * the deadline for the new number
	 * @param nowNanos the current time
	 */
	public RebalanceSchedule(ServerManager<?> manager, RebalanceSpread spread, boolean rearmOnMembershipChange,
			long nowNanos) {
		this(manager, spread, rearmOnMembershipChange, DEFAULT_OFFLINE_RECHECK, nowNanos);
	}

	/**
	 * Arms the first deadline from {@code nowNanos}.
	 * @param manager the manager whose rebalances this schedules
	 * @param spread how deadlines are drawn
	 * @param rearmOnMembershipChange whether a change in the number of servers re-arms
	 * the deadline for the new number
	 * @param offlineRecheck how long after a rebalance in which no server answered the
	 * next one comes; doubles with each such rebalance, up to the normal interval
	 * @param nowNanos the current time
	 */
	public RebalanceSchedule(ServerManager<?> manager, RebalanceSpread spread, boolean rearmOnMembershipChange,
			Duration offlineRecheck, long nowNanos) {
		this.manager = Objects.requireNonNull(manager, "manager must not be null");
		this.spread = Objects.requireNonNull(spread, "spread must not be null");
		Objects.requireNonNull(offlineRecheck, "offlineRecheck must not be null");
		if (offlineRecheck.isNegative() || offlineRecheck.isZero()) {
			throw new IllegalArgumentException("offlineRecheck must be positive, but was " + offlineRecheck);
		}
		this.rearmOnMembershipChange = rearmOnMembershipChange;
		this.offlineRecheck = offlineRecheck;
		this.floorNanos = nowNanos + RateScaling.saturatedNanos(manager.minReuse());
		arm(nowNanos, initialDelay());
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
	 * Records that a rebalance which found a healthy server just finished and arms the
	 * next deadline.
	 * @param nowNanos the current time
	 * @return the interval until the next rebalance
	 */
	public Duration rebalanced(long nowNanos) {
		return rebalanced(nowNanos, RebalanceOutcome.HEALTHY);
	}

	/**
	 * Records that a rebalance just finished and arms the next deadline: a whole interval
	 * away, or a back-off step away when no server answered.
	 * @param nowNanos the current time
	 * @param outcome how the rebalance ended
	 * @return the interval until the next rebalance
	 */
	public synchronized Duration rebalanced(long nowNanos, RebalanceOutcome outcome) {
		Objects.requireNonNull(outcome, "outcome must not be null");
		Duration normal = nextDelay();
		if (outcome == RebalanceOutcome.OFFLINE) {
			armOfflineRecheck(nowNanos, normal);
		}
		else {
			this.offlineStep = null;
			this.floorNanos = nowNanos + RateScaling.saturatedNanos(this.manager.minReuse());
			arm(nowNanos, normal);
		}
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
	 * Returns whether the last rebalance found no server, so that the deadline is a
	 * back-off step rather than an interval.
	 * @return {@code true} while re-checking an offline manager
	 */
	public synchronized boolean isRecheckingOffline() {
		return this.offlineStep != null;
	}

	/**
	 * The delay between two rebalances. Consul's is
	 * {@code max(minReuse + stagger(minReuse / jitterFraction), clusterSize / rate)}; the
	 * spread schedule staggers after rate scaling, {@code base + stagger(base /
	 * jitterFraction)} with {@code base = max(minReuse, clusterSize / rate)}, so that the
	 * rate-scaled term also carries jitter.
	 */
	Duration nextDelay() {
		if (this.spread == RebalanceSpread.CONSUL) {
			return this.manager.nextRebalanceDelay();
		}
		Duration base = this.manager.rateScaledMinReuse();
		return base.plus(stagger(base.dividedBy(this.manager.jitterFraction())));
	}

	/**
	 * The delay before a new manager's first rebalance. Both schedules keep a fresh
	 * connection for {@code minReuse}, as Consul does; the spread schedule then adds a
	 * point drawn over one whole interval, so that managers which start in the same
	 * second do not rebalance in the same second.
	 */
	Duration initialDelay() {
		if (this.spread == RebalanceSpread.CONSUL) {
			return this.manager.minReuse();
		}
		return this.manager.minReuse().plus(stagger(nextDelay()));
	}

	/**
	 * The delay after a change in the number of servers, counted from the moment the
	 * floor allows: a whole interval under Consul's schedule, a point drawn over one new
	 * interval under the spread schedule, so that all the managers that see the same
	 * change spread their rebalances over that interval.
	 */
	Duration membershipChangeDelay() {
		if (this.spread == RebalanceSpread.CONSUL) {
			return this.manager.nextRebalanceDelay();
		}
		return stagger(nextDelay());
	}

	/**
	 * A delay computed for the old server count is wrong for the new one: after a
	 * partition heals it would keep clients on one server for many minutes. Under the
	 * spread schedule the deadline is redrawn over one interval for the new count, even
	 * when that is later than the old deadline: a deadline armed for the old count would
	 * otherwise pile its rebalances onto those of the managers that redraw, and a count
	 * that keeps changing only keeps redrawing within one interval. A draw that lands
	 * before the floor moves to the floor, so that a manager which rebalanced a moment
	 * ago keeps its front for {@code minReuse}; the floors of many managers are as spread
	 * as their last rebalances were, so this piles nothing onto one second (drawing from
	 * the floor instead would delay every such manager by up to {@code minReuse}, and the
	 * simulator measured a partition heal at 10,000 clients half again as long). Under
	 * Consul's schedule a re-arm only ever brings the deadline forward. A list that was
	 * empty starts over, as a new manager does, since its first interval knew no servers.
	 * A back-off deadline is kept: it is already shorter than any interval.
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
			this.offlineStep = null;
			armNoEarlierThanFloor(nowNanos, nowNanos, initialDelay());
			return;
		}
		if (!this.rearmOnMembershipChange || this.offlineStep != null) {
			return;
		}
		if (this.spread == RebalanceSpread.SPREAD) {
			armNoEarlierThanFloor(nowNanos, nowNanos, membershipChangeDelay());
			return;
		}
		Duration delay = membershipChangeDelay();
		long drawn = later(nowNanos + RateScaling.saturatedNanos(delay), this.floorNanos);
		long candidate = nowNanos
				+ RateScaling.saturatedNanos(this.manager.selectionDelay(Duration.ofNanos(drawn - nowNanos)));
		if (candidate - this.deadlineNanos < 0) {
			this.interval = Duration.ofNanos(candidate - nowNanos);
			this.deadlineNanos = candidate;
		}
	}

	/**
	 * An offline manager has no healthy front to protect, and every request it serves
	 * meanwhile goes to a server that did not answer: it re-checks soon, then less often
	 * while the outage lasts, never less often than the normal interval. Each step is
	 * staggered like an interval so that clients that lost a service together do not
	 * re-check it together.
	 */
	private void armOfflineRecheck(long nowNanos, Duration normal) {
		Duration step = (this.offlineStep != null) ? this.offlineStep.multipliedBy(2) : this.offlineRecheck;
		if (step.compareTo(normal) >= 0) {
			this.offlineStep = normal;
			arm(nowNanos, normal);
			return;
		}
		this.offlineStep = step;
		Duration delay = step.plus(stagger(step.dividedBy(this.manager.jitterFraction())));
		// A re-check looks for the way back, not for the next round: the selection does
		// not move it.
		Duration recheck = (delay.compareTo(normal) < 0) ? delay : normal;
		this.interval = recheck;
		this.deadlineNanos = nowNanos + RateScaling.saturatedNanos(recheck);
	}

	private void armNoEarlierThanFloor(long nowNanos, long fromNanos, Duration delay) {
		long deadline = later(fromNanos + RateScaling.saturatedNanos(delay), this.floorNanos);
		arm(nowNanos, Duration.ofNanos(deadline - nowNanos));
	}

	/**
	 * Arms a deadline the front selection may move: one that changes its choice in rounds
	 * keeps every deadline on its own switch point, whatever armed it.
	 */
	private void arm(long nowNanos, Duration drawn) {
		Duration delay = this.manager.selectionDelay(drawn);
		this.interval = delay;
		this.deadlineNanos = nowNanos + RateScaling.saturatedNanos(delay);
	}

	/**
	 * The later of two times, compared by difference so that it holds across overflow.
	 */
	private static long later(long aNanos, long bNanos) {
		return (aNanos - bNanos >= 0) ? aNanos : bNanos;
	}

	private Duration stagger(Duration interval) {
		return RateScaling.randomStagger(interval, this.manager.random());
	}

}
