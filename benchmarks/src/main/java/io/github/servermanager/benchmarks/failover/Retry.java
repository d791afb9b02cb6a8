package io.github.servermanager.benchmarks.failover;

/**
 * Spring Cloud LoadBalancer's blocking retry, as the client is configured (spring-retry
 * is on the class path).
 */
public enum Retry {

	/** No retry. */
	OFF("off", "spring.cloud.loadbalancer.retry.enabled=false"),

	/**
	 * Retry at Spring's defaults: once on the next instance, on I/O errors only.
	 */
	ON("on", "spring.cloud.loadbalancer.retry.enabled=true"),

	/** Retry, with 503 listed as retryable. */
	ON_503_RETRYABLE("on, 503 retryable", "spring.cloud.loadbalancer.retry.enabled=true",
			"spring.cloud.loadbalancer.retry.retryable-status-codes=503");

	private final String label;

	private final String[] properties;

	Retry(String label, String... properties) {
		this.label = label;
		this.properties = properties;
	}

	public String label() {
		return this.label;
	}

	String[] properties() {
		return this.properties.clone();
	}

}
