package io.github.servermanager.service;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.github.servermanager.core.Pinger;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

/**
 * Builds managed services and instances for tests of this package.
 */
public final class TestServices {

	public static final String SERVICE = "backend";

	private TestServices() {
	}

	public static ServiceInstance instance(String id, int port) {
		return new DefaultServiceInstance(id, SERVICE, "127.0.0.1", port, false);
	}

	/** Threads for the services of tests that do not stop their own: daemons, idle. */
	public static final ServerManagerExecutor EXECUTOR = new ServerManagerExecutor();

	public static List<ServiceInstance> instances(int count) {
		List<ServiceInstance> instances = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			instances.add(instance("s" + i, 9000 + i));
		}
		return instances;
	}

	public static ManagedService service(Pinger<ServiceInstance> pinger, ServerManagerClock clock,
			ServerManagerObserver... observers) {
		return new ManagedService(SERVICE, ServiceSettings.defaults(), pinger, () -> 1, List.of(observers), EXECUTOR,
				clock, new SplittableRandom(42), null);
	}

	public static ManagedService service(ServerManagerObserver... observers) {
		return service((instance) -> true, ServerManagerClock.SYSTEM, observers);
	}

	/** Hooks that do nothing, for a service registered by hand. */
	public static final ServerManagerRegistry.ServiceHooks NO_HOOKS = new ServerManagerRegistry.ServiceHooks() {

		@Override
		public void refreshMembership() {
		}

		@Override
		public void refreshSecureOverride() {
		}

	};

	public static ServerManagerRegistry registryWith(ManagedService service) {
		ServerManagerRegistry registry = new ServerManagerRegistry();
		registry.register(service, NO_HOOKS);
		return registry;
	}

}
