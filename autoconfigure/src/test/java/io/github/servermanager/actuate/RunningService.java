package io.github.servermanager.actuate;

import java.util.List;
import java.util.SplittableRandom;

import io.github.servermanager.core.ApertureSelection;
import io.github.servermanager.core.ClientRank;
import io.github.servermanager.core.FrontSelection;
import io.github.servermanager.core.Pinger;
import io.github.servermanager.core.ServerManager;
import io.github.servermanager.discovery.ServiceInstanceKeys;
import io.github.servermanager.service.ManagedService;
import io.github.servermanager.service.ServerManagerClock;
import io.github.servermanager.service.ServerManagerExecutor;
import io.github.servermanager.service.ServerManagerObserver;
import io.github.servermanager.service.ServerManagerRegistry;
import io.github.servermanager.loadbalancer.ServerManagerServiceInstanceListSupplier;
import io.github.servermanager.service.ServiceSettings;
import org.jspecify.annotations.Nullable;

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
		return run(registry,
				new ManagedService(serviceId, ServiceSettings.defaults(), pinger, () -> 1, observers, EXECUTOR),
				instances);
	}

	/**
	 * Starts a service whose servers all answer their pings, with a front selection.
	 * @param registry where it registers
	 * @param serviceId the service
	 * @param observers who hears what its manager does
	 * @param selection how its rebalances order the servers
	 * @param instances its servers, as discovery lists them
	 * @return the running service, its membership already pulled
	 */
	static RunningService startWith(ServerManagerRegistry registry, String serviceId,
			List<ServerManagerObserver> observers, FrontSelection<ServiceInstance> selection,
			ServiceInstance... instances) {
		return run(registry, new ManagedService(serviceId, ServiceSettings.defaults(), (instance) -> true, () -> 1,
				observers, EXECUTOR, ServerManagerClock.SYSTEM, new SplittableRandom(7), selection), instances);
	}

	/**
	 * Returns an aperture selection with a fixed rank and a wall clock that stands still,
	 * so that two selections of the same servers always agree.
	 * @param rank the client's rank, {@code null} for an unknown one
	 * @return the selection
	 */
	static ApertureSelection<ServiceInstance> aperture(@Nullable ClientRank rank) {
		return new ApertureSelection<>(ServiceInstanceKeys::keyOf, () -> rank, () -> 0L,
				ServerManager.DEFAULT_CONNS_PER_SEC_PER_SERVER, FrontSelection.random(new SplittableRandom(3)),
				ServerManager.DEFAULT_MIN_REUSE);
	}

	private static RunningService run(ServerManagerRegistry registry, ManagedService service,
			ServiceInstance... instances) {
		String serviceId = service.serviceId();
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
