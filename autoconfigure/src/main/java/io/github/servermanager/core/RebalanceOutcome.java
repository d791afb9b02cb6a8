package io.github.servermanager.core;

/**
 * How a rebalance ended.
 */
public enum RebalanceOutcome {

	/** A server answered its ping and the shuffled list was published. */
	HEALTHY,

	/** No server answered: the manager is offline and the list order was kept. */
	OFFLINE,

	/**
	 * The list was left as it was until the next rebalance: a server answered but left
	 * the membership while it was being pinged, or the rebalancing thread was interrupted
	 * before any server answered.
	 */
	FROZEN

}
