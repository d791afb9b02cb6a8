package io.github.servermanager.loadbalancer;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.util.StringUtils;

/**
 * Finds the managed instance that a client's failure report is about. Clients do not
 * always hand lifecycles the instance the balancer chose: Spring Cloud Gateway Server Web
 * MVC wraps it in an instance of its own that has no instance id. The address and scheme
 * still say which server answered, so they are the fallback when the id matches nothing.
 */
final class ReportedInstances {

	private ReportedInstances() {
	}

	/**
	 * Returns the managed instance {@code reported} stands for.
	 * @param managed the service's servers
	 * @param reported the instance a lifecycle was handed
	 * @return the managed instance with the same instance id, else the one with the same
	 * host, port and scheme, else {@code null}
	 */
	static @Nullable ServiceInstance resolve(List<ServiceInstance> managed, ServiceInstance reported) {
		String instanceId = reported.getInstanceId();
		if (StringUtils.hasText(instanceId)) {
			for (ServiceInstance instance : managed) {
				if (instanceId.equals(instance.getInstanceId())) {
					return instance;
				}
			}
		}
		for (ServiceInstance instance : managed) {
			if (sameAddress(instance, reported)) {
				return instance;
			}
		}
		return null;
	}

	private static boolean sameAddress(ServiceInstance managed, ServiceInstance reported) {
		return managed.getPort() == reported.getPort() && managed.isSecure() == reported.isSecure()
				&& managed.getHost() != null && managed.getHost().equalsIgnoreCase(reported.getHost());
	}

}
