package io.github.servermanager.integration.zookeeper;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.servermanager.testsupport.LoadBalancedClientApplication;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.KillSession;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/**
 * An application that uses the starter and learns its servers from ZooKeeper through
 * Spring Cloud Zookeeper Discovery, nothing else.
 */
final class ZooKeeperClientApplication extends LoadBalancedClientApplication {

	private ZooKeeperClientApplication(ConfigurableApplicationContext context) {
		super(context, context.getBean(RestClient.Builder.class));
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
		return get(serviceId, "/whoami");
	}

	/**
	 * The class of a service's supplier, to check that the starter's is in use.
	 * @param serviceId the service
	 * @return the supplier's class
	 */
	Class<?> supplierType(String serviceId) {
		return supplier(serviceId).getClass();
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
		return context().getBean(CuratorFramework.class);
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
