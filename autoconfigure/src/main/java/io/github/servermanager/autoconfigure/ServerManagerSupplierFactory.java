package io.github.servermanager.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;
import java.util.random.RandomGenerator;

import io.github.servermanager.core.FrontSelection;
import io.github.servermanager.core.Pinger;
import io.github.servermanager.loadbalancer.DiscoveryClientRank;
import io.github.servermanager.loadbalancer.DiscoveryClusterSize;
import io.github.servermanager.loadbalancer.ManagedService;
import io.github.servermanager.loadbalancer.ServerManagerClock;
import io.github.servermanager.loadbalancer.ServerManagerExecutor;
import io.github.servermanager.loadbalancer.ServerManagerObserver;
import io.github.servermanager.loadbalancer.ServerManagerRegistry;
import io.github.servermanager.loadbalancer.ServerManagerServiceInstanceListSupplier;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.core.env.Environment;

/**
 * Builds the supplier of one service from the application's settings, pinger, observers
 * and registry. Lives in the application context; each service's load-balancer context
 * calls it once.
 */
public class ServerManagerSupplierFactory {

	private static final Bindable<Map<String, ServerManagerProperties.Service>> SERVICES = Bindable.mapOf(String.class,
			ServerManagerProperties.Service.class);

	private final ServerManagerSettings settings;

	private final ServerManagerRegistry registry;

	private final DiscoveryClusterSize discoveryClusterSize;

	private final ServerManagerPingers pingers;

	private final ObjectProvider<Pinger<ServiceInstance>> userPinger;

	private final ObjectProvider<ServerManagerObserver> observers;

	private final Environment environment;

	private final ServerManagerFrontSelections frontSelections;

	private final ServerManagerExecutor executor;

	public ServerManagerSupplierFactory(ServerManagerSettings settings, ServerManagerRegistry registry,
			DiscoveryClusterSize discoveryClusterSize, ServerManagerPingers pingers,
			ObjectProvider<Pinger<ServiceInstance>> userPinger, ObjectProvider<ServerManagerObserver> observers,
			Environment environment, ServerManagerFrontSelections frontSelections, ServerManagerExecutor executor) {
		this.executor = executor;
		this.frontSelections = frontSelections;
		this.settings = settings;
		this.registry = registry;
		this.discoveryClusterSize = discoveryClusterSize;
		this.pingers = pingers;
		this.userPinger = userPinger;
		this.observers = observers;
		this.environment = environment;
	}

	/**
	 * Creates the supplier of a service.
	 * @param serviceId the service
	 * @param delegate the discovery-backed supplier to wrap
	 * @return the supplier, not yet started
	 */
	public ServerManagerServiceInstanceListSupplier create(String serviceId, ServiceInstanceListSupplier delegate) {
		ServiceConfiguration configuration = this.settings.forService(serviceId);
		ClusterSize configured = configuration.clusterSize();
		DiscoveryClusterSize.CachedCount counted = switch (configured.count()) {
			case ALL_INSTANCES -> this.discoveryClusterSize.allInstances();
			case THIS_APPLICATION -> this.discoveryClusterSize.thisApplication();
			case FIXED -> null;
		};
		IntSupplier clusterSize = (counted != null) ? counted : configured::fixed;
		Runnable countClients = (counted != null) ? counted::refreshIfStale : () -> {
		};
		List<ServerManagerObserver> observerList = this.observers.orderedStream().toList();
		RandomGenerator random = () -> ThreadLocalRandom.current().nextLong();
		FrontSelection<ServiceInstance> frontSelection = this.frontSelections.forService(configuration, random);
		ManagedService service = new ManagedService(serviceId, configuration.settings(), pinger(configuration),
				clusterSize, observerList, this.executor, ServerManagerClock.SYSTEM, random, frontSelection);
		Runnable beforePull = (configuration.frontSelection() == FrontSelectionMode.SUBSET)
				? rankAfter(countClients, this.frontSelections.rank()) : countClients;
		return new ServerManagerServiceInstanceListSupplier(delegate, service, this.registry,
				() -> secureOverride(serviceId), beforePull, this.executor);
	}

	private static Runnable rankAfter(Runnable countClients, DiscoveryClientRank rank) {
		return () -> {
			countClients.run();
			rank.refreshIfStale();
		};
	}

	private Pinger<ServiceInstance> pinger(ServiceConfiguration configuration) {
		Pinger<ServiceInstance> custom = this.userPinger.getIfAvailable();
		if (custom != null) {
			return custom;
		}
		return this.pingers.create(configuration);
	}

	/**
	 * Reads the override from the environment rather than from the bound properties, so
	 * that a refreshed environment is seen whether or not the properties were rebound
	 * yet.
	 */
	private @Nullable Boolean secureOverride(String serviceId) {
		ServerManagerProperties.Service service = Binder.get(this.environment)
			.bind(ServerManagerProperties.PREFIX + ".services", SERVICES)
			.map((services) -> services.get(serviceId))
			.orElse(null);
		return (service != null) ? service.getSecure() : null;
	}

}
