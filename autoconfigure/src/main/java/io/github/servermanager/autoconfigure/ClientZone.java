package io.github.servermanager.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Finds this client's zone in the keys an application already sets for it, so that zones
 * work without a key of the starter's own.
 */
final class ClientZone {

	/**
	 * The keys read, first match wins: the starter's own, the one Spring Cloud
	 * LoadBalancer's zone preference reads, and the zone the application registers with
	 * in Eureka (from which Spring Cloud Netflix fills in the zone preference's too).
	 */
	static final List<String> KEYS = List.of(ServerManagerProperties.PREFIX + ".zone", "spring.cloud.loadbalancer.zone",
			"eureka.instance.metadata-map.zone");

	private ClientZone() {
	}

	/**
	 * Returns this client's zone.
	 * @param environment the application's environment
	 * @return the zone, trimmed, or {@code null} when none of the keys has one
	 */
	static @Nullable String of(Environment environment) {
		for (String key : KEYS) {
			String zone = environment.getProperty(key);
			if (StringUtils.hasText(zone)) {
				return zone.trim();
			}
		}
		return null;
	}

}
