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
	 * A server answered, but it left the membership while it was being pinged, so the
	 * list was left as it was until the next rebalance.
	 */
	FROZEN

}
