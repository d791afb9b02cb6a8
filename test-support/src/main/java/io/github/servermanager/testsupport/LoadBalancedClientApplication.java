package io.github.servermanager.testsupport;

import java.util.List;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * A running client application of the starter, as the discovery integration tests see it:
 * calls to a service through its {@code @LoadBalanced} RestClient, and the order in which
 * the service's load balancer holds the instances. Each discovery module starts its own
 * application, with the properties and beans its registry needs, and hands it here.
 */
public abstract class LoadBalancedClientApplication implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final RestClient restClient;

	/**
	 * Wraps a started application.
	 * @param context the application
	 * @param loadBalancedBuilder its {@code @LoadBalanced} RestClient builder
	 */
	protected LoadBalancedClientApplication(ConfigurableApplicationContext context,
			RestClient.Builder loadBalancedBuilder) {
		this.context = context;
		this.restClient = loadBalancedBuilder.build();
	}

	/**
	 * Calls a service through the {@code @LoadBalanced} RestClient.
	 * @param serviceId the service
	 * @param path the path on the server, from {@code /}
	 * @return the body of the answer
	 */
	protected String get(String serviceId, String path) {
		return this.restClient.get().uri("http://" + serviceId + path).retrieve().body(String.class);
	}

	/**
	 * The instance ids of a service in the order its load balancer sees them.
	 * @param serviceId the service
	 * @return instance ids, front first
	 */
	public List<String> instanceIds(String serviceId) {
		List<ServiceInstance> instances = supplier(serviceId).get().blockFirst();
		return (instances != null) ? instances.stream().map(ServiceInstance::getInstanceId).toList() : List.of();
	}

	/**
	 * The supplier of a service's instances that its load balancer uses.
	 * @param serviceId the service
	 * @return the supplier
	 */
	protected ServiceInstanceListSupplier supplier(String serviceId) {
		return this.context.getBean(LoadBalancerClientFactory.class)
			.getInstance(serviceId, ServiceInstanceListSupplier.class);
	}

	/**
	 * The application, for what only one registry's tests look at.
	 * @return the application context
	 */
	protected ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
