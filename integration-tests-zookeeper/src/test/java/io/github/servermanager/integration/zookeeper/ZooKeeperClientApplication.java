package io.github.servermanager.integration.zookeeper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.KillSession;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/**
 * An application that uses the starter and learns its servers from ZooKeeper through
 * Spring Cloud Zookeeper Discovery, nothing else.
 */
final class ZooKeeperClientApplication implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final RestClient restClient;

	private ZooKeeperClientApplication(ConfigurableApplicationContext context) {
		this.context = context;
		this.restClient = context.getBean(RestClient.Builder.class).build();
	}

	static ZooKeeperClientApplication start(String connectString) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.application.name", "client");
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.cloud.zookeeper.connect-string", connectString);
		// A client only: it does not register itself. Spring Cloud Zookeeper starts its
		// watch of the registry, whose events are the heartbeats that pull membership at
		// once, only when the application registers; without it membership is pulled on
		// the refresh interval.
		properties.put("spring.cloud.zookeeper.discovery.register", false);
		properties.put("spring.cloud.service-registry.auto-registration.enabled", false);
		properties.put("server-manager.membership-refresh", "1s");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ClientApplication.class)
			.web(WebApplicationType.NONE)
			.properties(properties)
			.run();
		return new ZooKeeperClientApplication(context);
	}

	/**
	 * Calls a service through the {@code @LoadBalanced} RestClient.
	 * @param serviceId the service
	 * @return the instance id of the backend that answered
	 */
	String call(String serviceId) {
		return this.restClient.get().uri("http://" + serviceId + "/whoami").retrieve().body(String.class);
	}

	/**
	 * The instance ids of a service in the order its load balancer sees them.
	 * @param serviceId the service
	 * @return instance ids, front first
	 */
	List<String> instanceIds(String serviceId) {
		ServiceInstanceListSupplier supplier = this.context.getBean(LoadBalancerClientFactory.class)
			.getInstance(serviceId, ServiceInstanceListSupplier.class);
		List<ServiceInstance> instances = supplier.get().blockFirst();
		return (instances != null) ? instances.stream().map(ServiceInstance::getInstanceId).toList() : List.of();
	}

	/**
	 * The class of a service's supplier, to check that the starter's is in use.
	 * @param serviceId the service
	 * @return the supplier's class
	 */
	Class<?> supplierType(String serviceId) {
		return this.context.getBean(LoadBalancerClientFactory.class)
			.getInstance(serviceId, ServiceInstanceListSupplier.class)
			.getClass();
	}

	/**
	 * Ends the application's ZooKeeper session; Curator opens a new one.
	 * @throws Exception when the session cannot be killed
	 */
	void expireSession() throws Exception {
		KillSession.kill(curator().getZookeeperClient().getZooKeeper());
	}

	/**
	 * Tells whether the application's ZooKeeper connection is up.
	 * @return {@code true} when connected
	 */
	boolean isConnected() {
		return curator().getZookeeperClient().isConnected();
	}

	private CuratorFramework curator() {
		return this.context.getBean(CuratorFramework.class);
	}

	@Override
	public void close() {
		this.context.close();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ClientApplication {

		@Bean
		@LoadBalanced
		RestClient.Builder loadBalancedRestClientBuilder() {
			return RestClient.builder();
		}

	}

}
