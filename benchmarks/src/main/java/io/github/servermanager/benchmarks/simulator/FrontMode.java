package io.github.servermanager.benchmarks.simulator;

/**
 * How the simulated clients choose their front at a rebalance.
 */
public enum FrontMode {

	/** The seed's shuffle: every server equally likely in front. */
	RANDOM("random"),

	/**
	 * Deterministic subsetting of size one: the client's rank in the cluster picks the
	 * server, in rounds on the wall clock ({@code SubsetSelection}).
	 */
	SUBSET("subset");

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
