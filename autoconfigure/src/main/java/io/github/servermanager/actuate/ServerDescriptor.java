package io.github.servermanager.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;

/**
 * One server of a service, as the endpoint shows it.
 *
 * @param instanceId the id discovery gave the instance, {@code null} when it gave none
 * @param host the host
 * @param port the port
 * @param secure whether requests use https, after any {@code secure} override
 * @param active whether this is the front server: the one requests go to, or the first of
 * the servers that share them when an aperture spreads them
 * @param metadata the instance's metadata, {@code null} when it is hidden
 */
public record ServerDescriptor(@Nullable String instanceId, String host, int port, boolean secure, boolean active,
		@Nullable Map<String, String> metadata) {

	/**
	 * Describes an instance.
	 * @param instance the instance
	 * @param active whether it is in front
	 * @param showMetadata whether its metadata may be shown
	 * @return the description
	 */
	static ServerDescriptor of(ServiceInstance instance, boolean active, boolean showMetadata) {
		return new ServerDescriptor(instance.getInstanceId(), instance.getHost(), instance.getPort(),
				instance.isSecure(), active, showMetadata ? metadataOf(instance) : null);
	}

	private static Map<String, String> metadataOf(ServiceInstance instance) {
		Map<String, String> metadata = instance.getMetadata();
		return (metadata != null) ? new LinkedHashMap<>(metadata) : Map.of();
	}

}
