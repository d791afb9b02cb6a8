package io.github.servermanager.discovery;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.util.StringUtils;

/**
 * Tells instances apart. Discovery systems that give instances an id keep it across
 * restarts and re-registrations, so it wins; otherwise the address is the identity.
 */
public final class ServiceInstanceKeys {

	private ServiceInstanceKeys() {
	}

	/**
	 * Returns the key of an instance.
	 * @param instance the instance
	 * @return its instance id, else {@code host:port}
	 */
	public static String keyOf(ServiceInstance instance) {
		String instanceId = instance.getInstanceId();
		if (StringUtils.hasText(instanceId)) {
			return instanceId;
		}
		return instance.getHost() + ":" + instance.getPort();
	}

}
