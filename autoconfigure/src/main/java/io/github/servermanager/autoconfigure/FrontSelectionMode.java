package io.github.servermanager.autoconfigure;

/**
 * How each client picks the server it puts in front at a rebalance. Bound by Spring Boot
 * from {@code server-manager.front-selection}, case-insensitively: {@code random},
 * {@code subset}.
 */
public enum FrontSelectionMode {

	/** The seed's shuffle: every healthy server equally likely. */
	RANDOM,

	/**
	 * Deterministic subsetting: the client's rank among its application's instances in
	 * discovery picks a different server for each client, round by round.
	 */
	SUBSET

}
