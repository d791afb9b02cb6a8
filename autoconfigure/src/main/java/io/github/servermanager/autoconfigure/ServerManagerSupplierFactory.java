package io.github.servermanager.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;
import java.util.random.RandomGenerator;

import io.github.servermanager.core.FrontSelection;
import io.github.servermanager.core.Pinger;
import io.github.servermanager.discovery.DiscoveryClientRank;
import io.github.servermanager.discovery.DiscoveryClusterSize;
import io.github.servermanager.service.ManagedService;
import io.github.servermanager.service.ServerManagerClock;
import io.github.servermanager.service.ServerManagerExecutor;
import io.github.servermanager.service.ServerManagerObserver;
import io.github.servermanager.service.ServerManagerRegistry;
import io.github.servermanager.loadbalancer.ServerManagerServiceInstanceListSupplier;
import io.github.servermanager.service.ServiceSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.core.env.Environment;

/**
 * Builds the supplier of one service from the application's settings, pinger, observers
 * and registry. Lives in the application context; each service's load-balancer context
 * calls it once.
 */
public class ServerManagerSupplierFactory {

	private final ServerManagerProperties properties;

	private final ServerManagerRegistry registry;

	private final DiscoveryClusterSize discoveryClusterSize;

	private final ServerManagerPingers pingers;

	private final ObjectProvider<Pinger<ServiceInstance>> userPinger;

	private final ObjectProvider<ServerManagerObserver> observers;

	private final Environment environment;

	private final ServerManagerFrontSelections frontSelections;

	private final ServerManagerExecutor executor;

	public ServerManagerSupplierFactory(ServerManagerProperties properties, ServerManagerRegistry registry,
			DiscoveryClusterSize discoveryClusterSize, ServerManagerPingers pingers,
			ObjectProvider<Pinger<ServiceInstance>> userPinger, ObjectProvider<ServerManagerObserver> observers,
			Environment environment, ServerManagerFrontSelections frontSelections, ServerManagerExecutor executor) {
		this.executor = executor;
		this.frontSelections = frontSelections;
		this.properties = properties;
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
		ServiceProperties configuration = this.properties.forService(serviceId);
		ClusterSize configured = configuration.getClusterSize();
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
		ManagedService service = new ManagedService(serviceId, settings(configuration), pinger(configuration),
				clusterSize, observerList, this.executor, ServerManagerClock.SYSTEM, random, frontSelection);
		Runnable beforePull = (configuration.getFrontSelection() == FrontSelectionMode.APERTURE)
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

	/**
	 * What the service's manager and schedule run with: the service's settings, and the
	 * core's defaults for what is not configurable.
	 */
	static ServiceSettings settings(ServiceProperties service) {
		ClusterSize clusterSize = service.getClusterSize();
		Integer fixedClusterSize = (clusterSize.count() == ClusterSize.Count.FIXED) ? clusterSize.fixed() : null;
		// A ping opens a connection of its own, closed after the answer; the requests
		// that follow open another.
		int connectionsPerRebalance = (service.getPing() == PingKind.NONE) ? 1 : 2;
		Duration failoverCheckWait = service.isFailoverCheck() ? service.getPingTimeout() : Duration.ZERO;
		ServiceSettings defaults = ServiceSettings.defaults();
		return new ServiceSettings(service.getMinReuse(), defaults.jitterFraction(), service.getConnsPerSecPerServer(),
				connectionsPerRebalance, fixedClusterSize, service.getMembershipRefresh(),
				Set.copyOf(service.getFailureStatuses()), defaults.spread(), defaults.rearmOnMembershipChange(),
				defaults.offlineRecheck(), failoverCheckWait);
	}

	private Pinger<ServiceInstance> pinger(ServiceProperties configuration) {
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
		return ServerManagerProperties.bind(this.environment).forService(serviceId).getSecure();
	}

}
