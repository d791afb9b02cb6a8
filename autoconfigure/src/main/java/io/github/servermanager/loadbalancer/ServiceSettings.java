package io.github.servermanager.loadbalancer;

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
 */
public record ServiceSettings(Duration minReuse, int jitterFraction, int connsPerSecPerServer,
		@Nullable Integer clusterSize, Duration membershipRefresh, Set<Integer> failureStatuses, RebalanceSpread spread,
		boolean rearmOnMembershipChange, Duration offlineRecheck) {

	/** The statuses a gateway or proxy answers with when the server behind it is gone. */
	public static final Set<Integer> DEFAULT_FAILURE_STATUSES = Set.of(502, 503, 504);

	public ServiceSettings {
		Objects.requireNonNull(minReuse, "minReuse must not be null");
		Objects.requireNonNull(membershipRefresh, "membershipRefresh must not be null");
		Objects.requireNonNull(spread, "spread must not be null");
		Objects.requireNonNull(offlineRecheck, "offlineRecheck must not be null");
		failureStatuses = Set.copyOf(failureStatuses);
	}

	/**
	 * Returns the settings every service gets when nothing is configured.
	 * @return Consul's timings, a cluster size counted in discovery, a 30 second
	 * membership refresh, 502/503/504 as failures, the spread schedule with re-arming, a
	 * first offline re-check after 5 seconds
	 */
	public static ServiceSettings defaults() {
		return new ServiceSettings(Duration.ofMinutes(2), 2, 64, null, Duration.ofSeconds(30), DEFAULT_FAILURE_STATUSES,
				RebalanceSpread.SPREAD, true, RebalanceSchedule.DEFAULT_OFFLINE_RECHECK);
	}

}
