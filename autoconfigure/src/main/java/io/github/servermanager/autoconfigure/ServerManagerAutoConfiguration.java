package io.github.servermanager.autoconfigure;

import io.github.servermanager.core.Pinger;
import io.github.servermanager.discovery.DiscoveryClientRank;
import io.github.servermanager.discovery.DiscoveryClusterSize;
import io.github.servermanager.discovery.LocalInstance;
import io.github.servermanager.service.ServerManagerExecutor;
import io.github.servermanager.service.ServerManagerObserver;
import io.github.servermanager.service.ServerManagerRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.cloud.commons.config.DefaultsBindHandlerAdvisor;
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
	 * Binds each {@code server-manager.services.<id>} entry onto the defaults under
	 * {@code server-manager}, as Spring Cloud LoadBalancer does with its clients'
	 * entries.
	 * @return the advisor
	 */
	@Bean
	@ConditionalOnMissingBean(name = "serverManagerServiceDefaults")
	static ConfigurationPropertiesBindHandlerAdvisor serverManagerServiceDefaults() {
		return new DefaultsBindHandlerAdvisor(ServerManagerProperties.DEFAULTS);
	}

	/**
	 * The threads of the server manager, closed with the application context.
	 * @return the executor
	 */
	@Bean
	@ConditionalOnMissingBean
	public ServerManagerExecutor serverManagerExecutor() {
		return new ServerManagerExecutor();
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
			Environment environment) {
		return new DiscoveryClusterSize(discoveryClient.getIfAvailable(),
				environment.getProperty("spring.application.name"), DiscoveryClusterSize.DEFAULT_REFRESH);
	}

	@Bean
	@ConditionalOnMissingBean
	public ServerManagerPingers serverManagerPingers(ServerManagerProperties properties,
			ObjectProvider<SslBundles> sslBundles, ServerManagerExecutor executor) {
		return new ServerManagerPingers(properties, sslBundles.getIfAvailable(), executor.scheduler());
	}

	@Bean
	@ConditionalOnMissingBean
	public DiscoveryClientRank serverManagerDiscoveryClientRank(ObjectProvider<DiscoveryClient> discoveryClient,
			ObjectProvider<Registration> registration, Environment environment) {
		LocalInstance self = new LocalInstance(registration::getIfAvailable, () -> environment
			.getProperty("local.server.port", Integer.class, environment.getProperty("server.port", Integer.class, 0)));
		return new DiscoveryClientRank(discoveryClient.getIfAvailable(),
				environment.getProperty("spring.application.name"), self, ClientZone.of(environment),
				DiscoveryClientRank.DEFAULT_MAX_AGE);
	}

	@Bean
	@ConditionalOnMissingBean
	public ServerManagerFrontSelections serverManagerFrontSelections(DiscoveryClientRank rank,
			Environment environment) {
		return new ServerManagerFrontSelections(ClientZone.of(environment), rank);
	}

	@Bean
	@ConditionalOnMissingBean
	public ServerManagerSupplierFactory serverManagerSupplierFactory(ServerManagerProperties properties,
			ServerManagerRegistry registry, DiscoveryClusterSize discoveryClusterSize, ServerManagerPingers pingers,
			ObjectProvider<Pinger<ServiceInstance>> pinger, ObjectProvider<ServerManagerObserver> observers,
			Environment environment, ServerManagerFrontSelections frontSelections, ServerManagerExecutor executor) {
		// Refuses Spring Cloud LoadBalancer presets that the server manager would drop.
		LoadBalancerPresetCheck.check(environment, properties);
		return new ServerManagerSupplierFactory(properties, registry, discoveryClusterSize, pingers, pinger, observers,
				environment, frontSelections, executor);
	}

	@Bean
	@ConditionalOnMissingBean
	ServerManagerStartupReport serverManagerStartupReport(ServerManagerProperties properties, Environment environment) {
		return new ServerManagerStartupReport(properties, ClientZone.of(environment));
	}

	@Bean
	@ConditionalOnMissingBean
	ServerManagerHeartbeatListener serverManagerHeartbeatListener(ServerManagerRegistry registry) {
		return new ServerManagerHeartbeatListener(registry);
	}

}
