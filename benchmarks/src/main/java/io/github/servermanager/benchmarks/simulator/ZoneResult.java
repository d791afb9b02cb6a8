package io.github.servermanager.benchmarks.simulator;



/**
 * What one run of the zone simulation measured.
 *
 * @param mode how the clients picked their servers
 * @param failoverCheck whether a failure pinged the new front at once and moved past
 * servers that did not answer ({@code ManagedService}'s failover check)
 * @param crossZoneShare share of the steady state's requests that went to a server
 * outside the client's zone
 * @param meanBusiestShare the busiest server's requests over the fair share (all requests
 * over the number of servers), per second of the steady state, averaged
 * @param worstBusiestShare the same, in the worst second
 * @param maxFailedInZoneA most requests failed by one client of zone a, from the outage
 * on
 * @param meanFailedInZoneA requests failed per client of zone a, averaged
 * @param clientsWithFailures clients of any zone that had at least one failed request
 * @param backInZoneSeconds for zone-aware modes, the time from the return of zone a's
 * servers until the last client of zone a sent its last request out of its zone; -1 when
 * the mode has no zones or a client had not returned by the end
 * @param maxRebalancesToReturn for managed zone-aware modes, the most rebalances a client
 * of zone a ran after its servers returned, up to and including the one that brought it
 * back; -1 otherwise
 * @param minIntervalSeconds the shortest delay a rebalance armed; 0 without managers
 * @param maxIntervalSeconds the longest delay a healthy rebalance armed; 0 without
 * managers
 * @param outagePings pings the managers of all clients sent while zone a was down
 */
public record ZoneResult(ZoneMode mode, boolean failoverCheck, double crossZoneShare, double meanBusiestShare,
		double worstBusiestShare, int maxFailedInZoneA, double meanFailedInZoneA, int clientsWithFailures,
		double backInZoneSeconds, int maxRebalancesToReturn, double minIntervalSeconds, double maxIntervalSeconds,
		long outagePings) {

}
