package io.github.servermanager.integration.eureka;

import java.util.Map;

/**
 * Properties every context of these tests shares.
 */
final class EurekaTestProperties {

	/**
	 * No banner, and the load balancer and server manager only where a test wants them:
	 * the Eureka server and the backends have the starter on their classpath too.
	 */
	static final Map<String, Object> QUIET = Map.of("server-manager.enabled", false,
			"spring.cloud.loadbalancer.enabled", false, "spring.jmx.enabled", false);

	/**
	 * Eureka clients talk to the server through a RestClient: the Jersey client that the
	 * Eureka server brings onto the test classpath is only wired up inside the server.
	 */
	static final Map<String, Object> REST_CLIENT_TRANSPORT = Map.of("eureka.client.jersey.enabled", false);

	private EurekaTestProperties() {
	}

}
