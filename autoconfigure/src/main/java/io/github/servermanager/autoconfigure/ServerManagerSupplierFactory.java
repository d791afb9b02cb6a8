package io.github.servermanager.autoconfigure;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;
import java.util.random.RandomGenerator;

import io.github.servermanager.core.FrontSelection;
import io.github.servermanager.core.Pinger;
import io.github.servermanager.loadbalancer.DiscoveryClientRank;
import io.github.servermanager.loadbalancer.DiscoveryClusterSize;
import io.github.servermanager.loadbalancer.ManagedService;
import io.github.servermanager.loadbalancer.ServerManagerClock;
import io.github.servermanager.loadbalancer.ServerManagerObserver;
import io.github.servermanager.loadbalancer.ServerManagerRegistry;
import io.github.servermanager.loadbalancer.ServerManagerServiceInstanceListSupplier;
import io.github.servermanager.ping.HttpPinger;
import io.github.servermanager.ping.TcpPinger;
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

	private final ObjectProvider<Pinger<ServiceInstance>> userPinger;

	private final ObjectProvider<ServerManagerObserver> observers;

	private final Environment environment;

	private final @Nullable ServerManagerFrontSelections frontSelections;

	/** Shared by the HTTP pingers of all services with the same timeout. */
	private final Map<Duration, HttpClient> pingClients = new ConcurrentHashMap<>();

	public ServerManagerSupplierFactory(ServerManagerSettings settings, ServerManagerRegistry registry,
			DiscoveryClusterSize discoveryClusterSize, ObjectProvider<Pinger<ServiceInstance>> userPinger,
			ObjectProvider<ServerManagerObserver> observers, Environment environment) {
		this(settings, registry, discoveryClusterSize, userPinger, observers, environment, null);
	}

	public ServerManagerSupplierFactory(ServerManagerSettings settings, ServerManagerRegistry registry,
			DiscoveryClusterSize discoveryClusterSize, ObjectProvider<Pinger<ServiceInstance>> userPinger,
			ObjectProvider<ServerManagerObserver> observers, Environment environment,
			@Nullable ServerManagerFrontSelections frontSelections) {
		this.frontSelections = frontSelections;
		this.settings = settings;
		this.registry = registry;
		this.discoveryClusterSize = discoveryClusterSize;
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
		Integer fixedClusterSize = configuration.settings().clusterSize();
		IntSupplier clusterSize = (fixedClusterSize != null) ? () -> fixedClusterSize : this.discoveryClusterSize;
		List<ServerManagerObserver> observerList = this.observers.orderedStream().toList();
		RandomGenerator random = () -> ThreadLocalRandom.current().nextLong();
		FrontSelection<ServiceInstance> frontSelection = (this.frontSelections != null)
				? this.frontSelections.forService(configuration, random) : null;
		ManagedService service = new ManagedService(serviceId, configuration.settings(), pinger(configuration),
				clusterSize, observerList, ServerManagerClock.SYSTEM, random, frontSelection);
		Runnable countClients = (fixedClusterSize != null) ? () -> {
		} : this.discoveryClusterSize::refreshIfStale;
		Runnable beforePull = (configuration.frontSelection() == FrontSelectionMode.SUBSET
				&& this.frontSelections != null) ? rankAfter(countClients, this.frontSelections.rank()) : countClients;
		return new ServerManagerServiceInstanceListSupplier(delegate, service, this.registry,
				() -> secureOverride(serviceId), beforePull);
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
		return switch (configuration.ping()) {
			case HTTP ->
				new HttpPinger(this.pingClients.computeIfAbsent(configuration.pingTimeout(), HttpPinger::newClient),
						configuration.healthPath(), configuration.pingTimeout());
			case TCP -> new TcpPinger(configuration.pingTimeout());
			case NONE -> (instance) -> true;
		};
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
