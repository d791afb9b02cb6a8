package io.github.servermanager.benchmarks.clientapp;

/**
 * The two balancers compared: everything else about the client is the same.
 */
public enum Balancer {

	/** The starter at its defaults. */
	SERVER_MANAGER("server manager"),

	/**
	 * Spring Cloud LoadBalancer's own: round robin over its default supplier chain (the
	 * starter switched off).
	 */
	SPRING_ROUND_ROBIN("Spring round robin", "server-manager.enabled=false");

	private final String label;

	private final String[] properties;

	Balancer(String label, String... properties) {
		this.label = label;
		this.properties = properties;
	}

	/**
	 * Returns how tables name the balancer.
	 * @return a short label
	 */
	public String label() {
		return this.label;
	}

	/**
	 * Returns the properties that select this balancer.
	 * @return {@code key=value} pairs
	 */
	public String[] properties() {
		return this.properties.clone();
	}

}
