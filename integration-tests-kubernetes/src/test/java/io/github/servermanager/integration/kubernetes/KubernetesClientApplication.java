package io.github.servermanager.integration.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.servermanager.service.ManagedService;
import io.github.servermanager.service.ServerManagerRegistry;
import io.github.servermanager.testsupport.LoadBalancedClientApplication;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.client.RestClient;

/**
 * An application that uses the starter with Spring Cloud Kubernetes (fabric8), as one in
 * a pod would, but pointed at the mock API server by properties alone.
 */
final class KubernetesClientApplication extends LoadBalancedClientApplication {

	private KubernetesClientApplication(ConfigurableApplicationContext context) {
		super(context, context.getBean(RestClient.Builder.class));
	}

	/**
	 * Starts a client.
	 * @param cluster the API server
	 * @param mode {@code spring.cloud.kubernetes.loadbalancer.mode}: {@code POD} or
	 * {@code SERVICE}
	 * @return the running client
	 */
	static KubernetesClientApplication start(KubernetesMockCluster cluster, String mode) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.application.name", "client");
		properties.put("spring.main.banner-mode", "off");
		properties.put("logging.level.io.fabric8.mockwebserver", "warn");
		// Spring Cloud Kubernetes configures itself only on Kubernetes, which Spring Boot
		// detects from the KUBERNETES_SERVICE_HOST and _PORT variables of a pod.
		properties.put("spring.main.cloud-platform", "kubernetes");
		properties.put("spring.cloud.kubernetes.client.master-url", cluster.masterUrl());
		// In a pod the namespace comes from the service account's files.
		properties.put("spring.cloud.kubernetes.client.namespace", KubernetesMockCluster.NAMESPACE);
		// Nothing that reads or watches config maps and secrets.
		properties.put("spring.cloud.kubernetes.config.enabled", false);
		properties.put("spring.cloud.kubernetes.secrets.enabled", false);
		properties.put("spring.cloud.kubernetes.reload.enabled", false);
		properties.put("spring.cloud.kubernetes.loadbalancer.mode", mode);
		// The catalog watch lists the namespace's endpoints every delay (ms) and
		// publishes
		// a HeartbeatEvent when their pods changed: the server manager pulls membership
		// on
		// it. The delay is read by exactly this (camel-case) name.
		properties.put("spring.cloud.kubernetes.discovery.catalog-services-watch.enabled", true);
		properties.put("spring.cloud.kubernetes.discovery.catalogServicesWatchDelay", 200);
		// So long that only the catalog watch's heartbeats can bring a change in time.
		properties.put("server-manager.membership-refresh", "10m");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ClientApplication.class)
			.web(WebApplicationType.NONE)
			.properties(properties)
			.run();
		return new KubernetesClientApplication(context);
	}

	/**
	 * Calls a service through the {@code @LoadBalanced} RestClient.
	 * @param serviceId the service
	 * @return the name of the backend that answered
	 */
	String call(String serviceId) {
		return get(serviceId, "/whoami");
	}

	/**
	 * The server manager of a service, if the starter manages it.
	 * @param serviceId the service
	 * @return its managed service, or empty
	 */
	Optional<ManagedService> managed(String serviceId) {
		return context().getBean(ServerManagerRegistry.class).find(serviceId);
	}

	/**
	 * The instances a service's load balancer is given, in its supplier's order.
	 * @param serviceId the service
	 * @return the instances
	 */
	List<ServiceInstance> instances(String serviceId) {
		List<ServiceInstance> instances = supplier(serviceId).get().blockFirst();
		return (instances != null) ? instances : List.of();
	}

	/**
	 * The classes of the suppliers that answer a service's load balancer, outermost
	 * first. Spring Cloud LoadBalancer wraps the service's supplier: Spring Cloud
	 * Kubernetes' config module brings Spring Retry, which turns load-balancer retry on
	 * for RestClient, and with it Spring's retry-aware supplier around the service's own.
	 * @param serviceId the service
	 * @return the suppliers' classes
	 */
	List<Class<?>> supplierChain(String serviceId) {
		List<Class<?>> chain = new ArrayList<>();
		ServiceInstanceListSupplier supplier = supplier(serviceId);
		chain.add(supplier.getClass());
		while (supplier instanceof DelegatingServiceInstanceListSupplier delegating) {
			supplier = delegating.getDelegate();
			chain.add(supplier.getClass());
		}
		return chain;
	}

	/**
	 * Returns how many {@link HeartbeatEvent}s the application has seen.
	 * @return the count
	 */
	int heartbeats() {
		return context().getBean(HeartbeatCounter.class).count.get();
	}

	/**
	 * What an application's main class holds: {@code @EnableScheduling} runs the catalog
	 * watch, a {@code @Scheduled} method of Spring Cloud Kubernetes, which does not
	 * enable scheduling itself.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableScheduling
	static class ClientApplication {

		@Bean
		@LoadBalanced
		RestClient.Builder loadBalancedRestClientBuilder(RestClientBuilderConfigurer configurer) {
			return configurer.configure(RestClient.builder());
		}

		@Bean
		HeartbeatCounter heartbeatCounter() {
			return new HeartbeatCounter();
		}

	}

	static final class HeartbeatCounter implements ApplicationListener<HeartbeatEvent> {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public void onApplicationEvent(HeartbeatEvent event) {
			this.count.incrementAndGet();
		}

	}

}
