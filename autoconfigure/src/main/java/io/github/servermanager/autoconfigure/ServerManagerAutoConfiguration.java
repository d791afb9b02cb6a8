package io.github.servermanager.autoconfigure;

import io.github.servermanager.core.Pinger;
import io.github.servermanager.loadbalancer.DiscoveryClientRank;
import io.github.servermanager.loadbalancer.DiscoveryClusterSize;
import io.github.servermanager.loadbalancer.LocalInstance;
import io.github.servermanager.loadbalancer.ServerManagerObserver;
import io.github.servermanager.loadbalancer.ServerManagerRegistry;
import io.github.servermanager.loadbalancer.ServerManagerRegistryListener;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Puts a server manager behind every service's Spring Cloud LoadBalancer, unless
 * {@code server-manager.enabled} is false.
 */
@AutoConfiguration(after = LoadBalancerAutoConfiguration.class)
@ConditionalOnProperty(prefix = ServerManagerProperties.PREFIX, name = "enabled", matchIfMissing = true)
@ConditionalOnBean(ReactiveLoadBalancer.Factory.class)
@EnableConfigurationProperties(ServerManagerProperties.class)
@LoadBalancerClients(defaultConfiguration = ServerManagerLoadBalancerClientConfiguration.class)
public class ServerManagerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public ServerManagerSettings serverManagerSettings(ServerManagerProperties properties) {
		return new ServerManagerSettings(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	public ServerManagerRegistry serverManagerRegistry(ObjectProvider<ServerManagerRegistryListener> listeners) {
		return new ServerManagerRegistry(listeners.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	public DiscoveryClusterSize serverManagerDiscoveryClusterSize(ObjectProvider<DiscoveryClient> discoveryClient,
			Environment environment, ServerManagerSettings settings) {
		return new DiscoveryClusterSize(discoveryClient.getIfAvailable(),
				environment.getProperty("spring.application.name"),
				settings.forService(null).settings().membershipRefresh());
	}

	@Bean
	@ConditionalOnMissingBean
	public DiscoveryClientRank serverManagerDiscoveryClientRank(ObjectProvider<DiscoveryClient> discoveryClient,
			ObjectProvider<Registration> registration, Environment environment, ServerManagerSettings settings) {
		LocalInstance self = new LocalInstance(registration::getIfAvailable, () -> environment
			.getProperty("local.server.port", Integer.class, environment.getProperty("server.port", Integer.class, 0)));
		return new DiscoveryClientRank(discoveryClient.getIfAvailable(),
				environment.getProperty("spring.application.name"), self, zone(settings, environment),
				settings.forService(null).settings().membershipRefresh());
	}

	@Bean
	@ConditionalOnMissingBean
	public ServerManagerFrontSelections serverManagerFrontSelections(ServerManagerSettings settings,
			DiscoveryClientRank rank, Environment environment) {
		return new ServerManagerFrontSelections(zone(settings, environment), rank);
	}

	@Bean
	@ConditionalOnMissingBean
	public ServerManagerSupplierFactory serverManagerSupplierFactory(ServerManagerSettings settings,
			ServerManagerRegistry registry, DiscoveryClusterSize discoveryClusterSize,
			ObjectProvider<Pinger<ServiceInstance>> pinger, ObjectProvider<ServerManagerObserver> observers,
			Environment environment, ServerManagerFrontSelections frontSelections) {
		return new ServerManagerSupplierFactory(settings, registry, discoveryClusterSize, pinger, observers,
				environment, frontSelections);
	}

	/**
	 * The client's zone: the starter's own key, else the one Spring Cloud LoadBalancer's
	 * zone preference reads.
	 */
	private static @Nullable String zone(ServerManagerSettings settings, Environment environment) {
		String zone = settings.getProperties().getZone();
		if (!StringUtils.hasText(zone)) {
			zone = environment.getProperty("spring.cloud.loadbalancer.zone");
		}
		return StringUtils.hasText(zone) ? zone.trim() : null;
	}

	@Bean
	@ConditionalOnMissingBean
	ServerManagerHeartbeatListener serverManagerHeartbeatListener(ServerManagerRegistry registry) {
		return new ServerManagerHeartbeatListener(registry);
	}

}
