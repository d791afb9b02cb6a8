package io.github.servermanager.integration.eureka;

import java.util.LinkedHashMap;
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

	/**
	 * Registers on loopback within a second of start-up instead of 40 s, and renews every
	 * second.
	 * @param instanceId the instance id to register with
	 * @return the properties
	 */
	static Map<String, Object> registration(String instanceId) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("eureka.client.register-with-eureka", true);
		properties.put("eureka.client.initial-instance-info-replication-interval-seconds", 1);
		properties.put("eureka.client.instance-info-replication-interval-seconds", 1);
		properties.put("eureka.instance.lease-renewal-interval-in-seconds", 1);
		properties.put("eureka.instance.lease-expiration-duration-in-seconds", 5);
		properties.put("eureka.instance.instance-id", instanceId);
		properties.put("eureka.instance.hostname", "127.0.0.1");
		properties.put("eureka.instance.ip-address", "127.0.0.1");
		properties.put("eureka.instance.prefer-ip-address", true);
		return properties;
	}

}
