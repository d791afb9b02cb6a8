package io.github.servermanager.benchmarks.simulator;

import org.jspecify.annotations.Nullable;

/**
 * One client of the aperture simulation: picks the server of each request, rebalances
 * when its schedule says so, and hears of failed requests.
 */
interface RequestClient {

	/**
	 * Rebalances if the client's deadline has passed.
	 * @param nowNanos the virtual time
	 * @return what the rebalance did, or {@code null} when none was due
	 */
	@Nullable Rebalanced rebalanceIfDue(long nowNanos);

	/**
	 * Returns the server of the next request.
	 * @return the server
	 */
	VirtualServer pick();

	/**
	 * Returns the server a retry of the request just picked goes to.
	 * @return the server
	 */
	VirtualServer retryServer();

	/**
	 * Reports that a request to a server failed.
	 * @param server the server
	 */
	void failed(VirtualServer server);

	/**
	 * What one rebalance did.
	 *
	 * @param moved whether the servers the client sends to changed
	 * @param inUse how many servers it sends to now
	 * @param intervalNanos the delay the schedule armed until the next rebalance
	 */
	record Rebalanced(boolean moved, int inUse, long intervalNanos) {

	}

}
