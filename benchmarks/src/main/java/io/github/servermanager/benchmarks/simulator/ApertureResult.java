package io.github.servermanager.benchmarks.simulator;

import org.jspecify.annotations.Nullable;

/**
 * What one run of the aperture simulation measured.
 * <p>
 * Without a stop every figure covers the whole measured part. With a stop, the busiest
 * server and the failed requests cover the time from the stop on, and the busiest server
 * is counted among the servers that still answer.
 *
 * @param scenario the fleet
 * @param balancer how the clients spread their requests
 * @param stop the server that stopped, or {@code null}
 * @param busiestMeanSecond the busiest server's requests over the fair share, per second,
 * averaged
 * @param busiestWorstSecond the same, in the worst second
 * @param busiestWorstInterval the same, over windows of one rebalance interval, in the
 * worst window
 * @param maxConnectionsPerClient the most distinct servers one client sent requests to
 * between two of its rebalances (round robin: within one interval)
 * @param everyServerInUse whether every client sends to every server all the time (round
 * robin, or an aperture that spans the ring), so that it has nowhere to move to
 * @param meanNewConnections new connections (pings included) per server per second,
 * averaged
 * @param worstNewConnections the most new connections one server accepted in one second
 * @param minMovesPerInterval the fewest times a client moved to other servers in a window
 * of the longest interval armed, over every client and window; -1 for round robin, which
 * never moves
 * @param longestIntervalSeconds the longest interval a rebalance armed in the measured
 * part; 0 for round robin
 * @param maxFailedPerClient the most failed requests of one client
 * @param meanFailedPerClient failed requests per client, averaged
 */
public record ApertureResult(ApertureScenario scenario, RequestBalancer balancer, @Nullable ServerStop stop,
		double busiestMeanSecond, double busiestWorstSecond, double busiestWorstInterval, int maxConnectionsPerClient,
		boolean everyServerInUse, double meanNewConnections, int worstNewConnections, int minMovesPerInterval,
		double longestIntervalSeconds, int maxFailedPerClient, double meanFailedPerClient) {

}
