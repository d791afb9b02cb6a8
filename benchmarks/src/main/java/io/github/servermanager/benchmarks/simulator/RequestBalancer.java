package io.github.servermanager.benchmarks.simulator;

/**
 * How a client of the aperture simulation spreads its requests over the servers.
 */
public enum RequestBalancer {

	/**
	 * {@code ApertureSelection}: the client's rank gives it a slice of the ring of
	 * servers, over which its requests are spread in proportion to the overlap.
	 */
	APERTURE("aperture", true),

	/** The seed's shuffle: one front per client, every server equally likely. */
	RANDOM_FRONT("random front (seed)", true),

	/**
	 * Spring's {@code RoundRobinLoadBalancer}: a position from a random start, one step
	 * per request, over every server.
	 */
	ROUND_ROBIN("round robin (Spring)", false);

	private final String label;

	private final boolean managed;

	RequestBalancer(String label, boolean managed) {
		this.label = label;
		this.managed = managed;
	}

	/**
	 * Returns how tables name this balancer.
	 * @return the label
	 */
	public String label() {
		return this.label;
	}

	/**
	 * Returns whether the clients of this balancer keep their servers in a
	 * {@code ServerManager}.
	 * @return {@code false} for round robin
	 */
	public boolean managed() {
		return this.managed;
	}

}
