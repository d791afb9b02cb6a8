package io.github.servermanager.autoconfigure;

/**
 * How each client picks the server it puts in front at a rebalance. Bound by Spring Boot
 * from {@code server-manager.front-selection}, case-insensitively: {@code aperture} (the
 * default), {@code random}.
 */
public enum FrontSelectionMode {

	/**
	 * Deterministic aperture: the client's rank among its application's instances in
	 * discovery gives it a slice of the servers, sized so that every server carries the
	 * same load at any ratio of clients to servers. Without a rank, as {@link #RANDOM}.
	 */
	APERTURE,

	/** The seed's shuffle: every healthy server equally likely to be the one front. */
	RANDOM

}
