package io.github.servermanager.autoconfigure;

import io.github.servermanager.core.Pinger;
import io.github.servermanager.loadbalancer.DiscoveryClusterSize;
import io.github.servermanager.loadbalancer.ServerManagerObserver;
import io.github.servermanager.loadbalancer.ServerManagerRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;

/**
 * Puts a server manager behind every service's Spring Cloud LoadBalancer, unless
 * {@code server-manager.enabled} is false.
 */
@AutoConfiguration(after = LoadBalancerAutoConfiguration.class)
@ConditionalOnProperty(prefix = ServerManagerProperties.PREFIX, name = "enabled", matchIfMissing = true)
@ConditionalOnBean(ReactiveLoadBalancer.Factory.class)
@EnableConfigurationProperties(ServerManagerProperties.class)
@LoadBalancerClients(defaultConfiguration = ServerManagerLoadBalancerClientConfiguration.class)
@ImportRuntimeHints(ServerManagerRuntimeHints.class)
public class ServerManagerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public ServerManagerSettings serverManagerSettings(ServerManagerProperties properties) {
		return new ServerManagerSettings(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	public ServerManagerRegistry serverManagerRegistry(ObjectProvider<ServerManagerObserver> observers) {
		// Looked up when the first service comes: the meter binder, an observer, needs
		// this registry, so resolving observers now would be a cycle.
		return new ServerManagerRegistry(() -> observers.orderedStream().toList());
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
	public ServerManagerSupplierFactory serverManagerSupplierFactory(ServerManagerSettings settings,
			ServerManagerRegistry registry, DiscoveryClusterSize discoveryClusterSize,
			ObjectProvider<Pinger<ServiceInstance>> pinger, ObjectProvider<ServerManagerObserver> observers,
			Environment environment) {
		return new ServerManagerSupplierFactory(settings, registry, discoveryClusterSize, pinger, observers,
				environment);
	}

	@Bean
	@ConditionalOnMissingBean
	ServerManagerHeartbeatListener serverManagerHeartbeatListener(ServerManagerRegistry registry) {
		return new ServerManagerHeartbeatListener(registry);
	}

}
