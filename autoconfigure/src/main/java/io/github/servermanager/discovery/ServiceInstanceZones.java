package io.github.servermanager.discovery;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Reads an instance's zone where Spring Cloud LoadBalancer's own zone preference reads
 * it: the {@code zone} metadata entry, which Eureka, Consul and the simple discovery
 * client all fill from their own configuration.
 */
public final class ServiceInstanceZones {

	/** The metadata key of {@code ZonePreferenceServiceInstanceListSupplier}. */
	public static final String ZONE_METADATA_KEY = "zone";

	private ServiceInstanceZones() {
	}

	/**
	 * Returns the zone of an instance.
	 * @param instance the instance
	 * @return its zone as discovery reports it, or {@code null} when it has none
	 */
	public static @Nullable String zoneOf(ServiceInstance instance) {
		Map<String, String> metadata = instance.getMetadata();
		return (metadata != null) ? metadata.get(ZONE_METADATA_KEY) : null;
	}

}
