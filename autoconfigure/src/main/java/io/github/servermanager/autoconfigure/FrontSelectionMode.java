package io.github.servermanager.autoconfigure;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * How each client picks the server it puts in front at a rebalance.
 */
public enum FrontSelectionMode {

	/** The seed's shuffle: every healthy server equally likely. */
	RANDOM,

	/**
	 * Deterministic subsetting: the client's rank among its application's instances in
	 * discovery picks a different server for each client, round by round.
	 */
	SUBSET;

	static @Nullable FrontSelectionMode parse(String value) {
		for (FrontSelectionMode mode : values()) {
			if (mode.name().equals(value.trim().toUpperCase(Locale.ROOT))) {
				return mode;
			}
		}
		return null;
	}

}
