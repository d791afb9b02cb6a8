package io.github.servermanager.actuate;

import java.util.List;

import io.github.servermanager.core.Pinger;
import io.github.servermanager.service.ManagedService;
import io.github.servermanager.service.ServerManagerExecutor;
import io.github.servermanager.service.ServerManagerObserver;
import io.github.servermanager.service.ServerManagerRegistry;
import io.github.servermanager.loadbalancer.ServerManagerServiceInstanceListSupplier;
import io.github.servermanager.service.ServiceSettings;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;

/**
 * A service's supplier started and stopped as its load-balancer context would, without
 * Spring: starting registers the service in the registry, stopping removes it.
 */
final class RunningService implements AutoCloseable {

	/** Threads for the services of these tests: daemons, idle between tests. */
	private static final ServerManagerExecutor EXECUTOR = new ServerManagerExecutor();

	private final ServerManagerServiceInstanceListSupplier supplier;

	private RunningService(ServerManagerServiceInstanceListSupplier supplier) {
		this.supplier = supplier;
	}

	/**
	 * Starts a service whose servers all answer their pings.
	 * @param registry where it registers
	 * @param serviceId the service
	 * @param observers who hears what its manager does
	 * @param instances its servers, as discovery lists them
	 * @return the running service, its membership already pulled
	 */
	static RunningService start(ServerManagerRegistry registry, String serviceId, List<ServerManagerObserver> observers,
			ServiceInstance... instances) {
		return start(registry, serviceId, observers, (instance) -> true, instances);
	}

	/**
	 * Starts a service.
	 * @param registry where it registers
	 * @param serviceId the service
	 * @param observers who hears what its manager does
	 * @param pinger how its rebalances check a server
	 * @param instances its servers, as discovery lists them
	 * @return the running service, its membership already pulled
	 */
	static RunningService start(ServerManagerRegistry registry, String serviceId, List<ServerManagerObserver> observers,
			Pinger<ServiceInstance> pinger, ServiceInstance... instances) {
		ManagedService service = new ManagedService(serviceId, ServiceSettings.defaults(), pinger, () -> 1, observers,
				EXECUTOR);
		ServerManagerServiceInstanceListSupplier supplier = new ServerManagerServiceInstanceListSupplier(
				ServiceInstanceListSuppliers.from(serviceId, instances), service, registry, () -> null, () -> {
				}, EXECUTOR);
		try {
			supplier.afterPropertiesSet();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		supplier.get().blockFirst();
		return new RunningService(supplier);
	}

	ManagedService service() {
		return this.supplier.getManagedService();
	}

	@Override
	public void close() {
		try {
			this.supplier.destroy();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
