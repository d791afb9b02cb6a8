package io.github.servermanager.autoconfigure;

import io.github.servermanager.core.Pinger;
import io.github.servermanager.loadbalancer.DiscoveryClientRank;
import io.github.servermanager.loadbalancer.DiscoveryClusterSize;
import io.github.servermanager.loadbalancer.LocalInstance;
import io.github.servermanager.loadbalancer.ServerManagerExecutor;
import io.github.servermanager.loadbalancer.ServerManagerObserver;
import io.github.servermanager.loadbalancer.ServerManagerRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.serviceregistry.Registration;
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

	/**
	 * Validates the configuration, and refuses Spring Cloud LoadBalancer presets that the
	 * server manager would drop.
	 * @param properties the bound properties
	 * @param environment holds the presets
	 * @return the validated settings
	 */
	@Bean
	@ConditionalOnMissingBean
	public ServerManagerSettings serverManagerSettings(ServerManagerProperties properties, Environment environment) {
		LoadBalancerPresetCheck.check(environment, properties);
		return new ServerManagerSettings(properties);
	}

	/**
	 * The threads of the server manager, closed with the application context.
	 * @param settings the validated settings
	 * @return the executor
	 */
	@Bean
	@ConditionalOnMissingBean
	public ServerManagerExecutor serverManagerExecutor(ServerManagerSettings settings) {
		return new ServerManagerExecutor(settings.getProperties().getScheduling().getMaxThreads());
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
				environment.getProperty("spring.application.name"), settings.getProperties().getClusterSizeRefresh());
	}

	@Bean
	@ConditionalOnMissingBean
	public ServerManagerPingers serverManagerPingers(ServerManagerSettings settings,
			ObjectProvider<SslBundles> sslBundles, ServerManagerExecutor executor) {
		return new ServerManagerPingers(settings, sslBundles.getIfAvailable(), executor.scheduler());
	}

	@Bean
	@ConditionalOnMissingBean
	public DiscoveryClientRank serverManagerDiscoveryClientRank(ObjectProvider<DiscoveryClient> discoveryClient,
			ObjectProvider<Registration> registration, Environment environment, ServerManagerSettings settings) {
		LocalInstance self = new LocalInstance(registration::getIfAvailable, () -> environment
			.getProperty("local.server.port", Integer.class, environment.getProperty("server.port", Integer.class, 0)));
		return new DiscoveryClientRank(discoveryClient.getIfAvailable(),
				environment.getProperty("spring.application.name"), self, ClientZone.of(environment),
				settings.forService(null).settings().membershipRefresh());
	}

	@Bean
	@ConditionalOnMissingBean
	public ServerManagerFrontSelections serverManagerFrontSelections(ServerManagerSettings settings,
			DiscoveryClientRank rank, Environment environment) {
		return new ServerManagerFrontSelections(ClientZone.of(environment), rank);
	}

	@Bean
	@ConditionalOnMissingBean
	public ServerManagerSupplierFactory serverManagerSupplierFactory(ServerManagerSettings settings,
			ServerManagerRegistry registry, DiscoveryClusterSize discoveryClusterSize, ServerManagerPingers pingers,
			ObjectProvider<Pinger<ServiceInstance>> pinger, ObjectProvider<ServerManagerObserver> observers,
			Environment environment, ServerManagerFrontSelections frontSelections, ServerManagerExecutor executor) {
		return new ServerManagerSupplierFactory(settings, registry, discoveryClusterSize, pingers, pinger, observers,
				environment, frontSelections, executor);
	}

	@Bean
	@ConditionalOnMissingBean
	ServerManagerHeartbeatListener serverManagerHeartbeatListener(ServerManagerRegistry registry) {
		return new ServerManagerHeartbeatListener(registry);
	}

}
