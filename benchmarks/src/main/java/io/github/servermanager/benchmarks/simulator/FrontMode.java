package io.github.servermanager.benchmarks.simulator;

/**
 * How the simulated clients choose their front at a rebalance.
 */
public enum FrontMode {

	/** The seed's shuffle: every server equally likely in front. */
	RANDOM("random"),

	/**
	 * Deterministic aperture: the client's rank in the cluster gives it a slice of the
	 * ring of servers, which moves one server along each round of the wall clock
	 * ({@code ApertureSelection}). With at least as many clients as servers the slice is
	 * one server.
	 */
	APERTURE("aperture");

	private final String label;

	FrontMode(String label) {
		this.label = label;
	}

	/**
	 * Returns how tables name this mode.
	 * @return the label
	 */
	public String label() {
		return this.label;
	}

}
