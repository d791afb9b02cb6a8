package io.github.servermanager.service;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

import io.github.servermanager.core.RebalanceSchedule;
import io.github.servermanager.core.RebalanceSpread;
import org.jspecify.annotations.Nullable;

/**
 * The effective settings of one service, global defaults merged with its overrides.
 *
 * @param minReuse shortest time a server stays in front between rebalances
 * @param jitterFraction the stagger added to an interval is at most interval /
 * jitterFraction
 * @param connsPerSecPerServer new connections per second per server the whole cluster may
 * open by rebalancing
 * @param connectionsPerRebalance new connections one rebalance opens to the server it
 * puts in front: 2 when the ping has a connection of its own, 1 without pings
 * @param clusterSize a fixed cluster size, or {@code null} to count this application's
 * instances in discovery
 * @param membershipRefresh how often membership is pulled from discovery
 * @param failureStatuses HTTP statuses that count as a failure of the server that sent
 * them
 * @param spread how rebalance deadlines are drawn
 * @param rearmOnMembershipChange whether a change in the number of servers brings the
 * next rebalance forward
 * @param offlineRecheck how soon a rebalance in which no server answered is followed by
 * another; doubles up to the normal interval
 * @param failoverCheckWait how long requests wait for the ping of the server a failure
 * put in front; {@link Duration#ZERO} leaves the new front unchecked until the next
 * rebalance, as Consul does
 */
public record ServiceSettings(Duration minReuse, int jitterFraction, int connsPerSecPerServer,
		int connectionsPerRebalance, @Nullable Integer clusterSize, Duration membershipRefresh,
		Set<Integer> failureStatuses, RebalanceSpread spread, boolean rearmOnMembershipChange, Duration offlineRecheck,
		Duration failoverCheckWait) {

	/** The statuses a gateway or proxy answers with when the server behind it is gone. */
	public static final Set<Integer> DEFAULT_FAILURE_STATUSES = Set.of(502, 503, 504);

	public ServiceSettings {
		Objects.requireNonNull(minReuse, "minReuse must not be null");
		Objects.requireNonNull(membershipRefresh, "membershipRefresh must not be null");
		Objects.requireNonNull(spread, "spread must not be null");
		Objects.requireNonNull(offlineRecheck, "offlineRecheck must not be null");
		Objects.requireNonNull(failoverCheckWait, "failoverCheckWait must not be null");
		if (failoverCheckWait.isNegative()) {
			throw new IllegalArgumentException("failoverCheckWait must not be negative, but was " + failoverCheckWait);
		}
		failureStatuses = Set.copyOf(failureStatuses);
	}

	/**
	 * Returns the settings every service gets when nothing is configured.
	 * @return Consul's timings with two connections per rebalance (an HTTP ping's and the
	 * requests'), a cluster size counted in discovery, a 30 second membership refresh,
	 * 502/503/504 as failures, the spread schedule with re-arming, a first offline
	 * re-check after 5 seconds, a failover check waited for up to 1 second (the default
	 * ping timeout)
	 */
	public static ServiceSettings defaults() {
		return new ServiceSettings(Duration.ofMinutes(2), 2, 64, 2, null, Duration.ofSeconds(30),
				DEFAULT_FAILURE_STATUSES, RebalanceSpread.SPREAD, true, RebalanceSchedule.DEFAULT_OFFLINE_RECHECK,
				Duration.ofSeconds(1));
	}

	/**
	 * Returns these settings with another failover check wait.
	 * @param wait how long requests wait for the check; zero turns it off
	 * @return the new settings
	 */
	public ServiceSettings withFailoverCheckWait(Duration wait) {
		return new ServiceSettings(this.minReuse, this.jitterFraction, this.connsPerSecPerServer,
				this.connectionsPerRebalance, this.clusterSize, this.membershipRefresh, this.failureStatuses,
				this.spread, this.rearmOnMembershipChange, this.offlineRecheck, wait);
	}

}
