package io.github.servermanager.benchmarks.simulator;

/**
 * How a simulated client of the zone simulation picks the server for a request.
 */
public enum ZoneMode {

	/** The seed: one front per client, shuffled at each rebalance, zones ignored. */
	RANDOM("random front (seed)", true, false),

	/** {@code ZoneSelection}: one front per client, its own zone first, random within. */
	ZONE("zone-first front", true, true),

	/**
	 * {@code ZoneSelection} over {@code ApertureSelection}: its own zone first, and
	 * within it the slice its rank among the zone's clients gives.
	 */
	ZONE_APERTURE("zone-first front, aperture within the zone", true, true),

	/**
	 * Spring's round robin over the instances its health-check supplier last found up.
	 */
	ROUND_ROBIN("round robin, health check (Spring)", false, false),

	/** The same, with Spring's zone preference applied after the health check. */
	ROUND_ROBIN_ZONE("round robin, health check + zone preference (Spring)", false, true);

	private final String label;

	private final boolean managed;

	private final boolean zoneAware;

	ZoneMode(String label, boolean managed, boolean zoneAware) {
		this.label = label;
		this.managed = managed;
		this.zoneAware = zoneAware;
	}

	/**
	 * Returns how tables name this mode.
	 * @return the label
	 */
	public String label() {
		return this.label;
	}

	/**
	 * Returns whether the clients of this mode use a {@code ServerManager}.
	 * @return {@code true} for one front per client
	 */
	public boolean managed() {
		return this.managed;
	}

	/**
	 * Returns whether this mode prefers the client's own zone.
	 * @return {@code true} when it does
	 */
	public boolean zoneAware() {
		return this.zoneAware;
	}

}
