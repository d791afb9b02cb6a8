package io.github.servermanager.integration.eureka;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.servermanager.core.ClientRank;
import io.github.servermanager.discovery.DiscoveryClientRank;
import io.github.servermanager.service.ManagedService;
import io.github.servermanager.service.ServerManagerRegistry;
import io.github.servermanager.testsupport.LoadBalancedClientApplication;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.web.client.RestClient;

/**
 * An application that uses the starter and learns its servers from Eureka, nothing else:
 * no static list, no server-side help.
 */
final class EurekaClientApplication extends LoadBalancedClientApplication {

	private EurekaClientApplication(ConfigurableApplicationContext context) {
		super(context, context.getBean("loadBalancedRestClientBuilder", RestClient.Builder.class));
	}

	static EurekaClientApplication start(EurekaServer server) {
		return start(server, Map.of());
	}

	/**
	 * Starts a client with properties of its own, as an application's
	 * {@code application.properties} would add them.
	 * @param server the Eureka server
	 * @param extraProperties properties added to, or replacing, the defaults; with
	 * {@code spring.main.web-application-type=servlet} the client serves its actuator
	 * endpoints on {@link #port()}
	 * @return the running client
	 */
	static EurekaClientApplication start(EurekaServer server, Map<String, Object> extraProperties) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.application.name", "client");
		properties.put("spring.main.web-application-type", "none");
		properties.put("eureka.client.service-url.defaultZone", server.serviceUrl());
		properties.put("eureka.client.register-with-eureka", false);
		properties.put("eureka.client.fetch-registry", true);
		// Fetch the whole registry every second; each fetch publishes the HeartbeatEvent
		// on which the server manager pulls membership.
		properties.put("eureka.client.registry-fetch-interval-seconds", 1);
		properties.put("eureka.client.disable-delta", true);
		properties.putAll(EurekaTestProperties.QUIET);
		properties.putAll(EurekaTestProperties.REST_CLIENT_TRANSPORT);
		properties.put("server-manager.enabled", true);
		properties.put("spring.cloud.loadbalancer.enabled", true);
		properties.putAll(extraProperties);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ClientApplication.class)
			.properties(properties)
			.run();
		return new EurekaClientApplication(context);
	}

	/**
	 * Starts a client that is itself an instance of an application registered with
	 * Eureka, as callers deployed several times are: it serves on a random port,
	 * registers within a second and renews every second, and pulls the membership of its
	 * services every second, which also renews its rank among the instances of its
	 * application.
	 * @param server the Eureka server
	 * @param applicationName the name the client registers under, shared by the instances
	 * that rank among each other
	 * @param instanceId the instance id it registers with
	 * @param extraProperties properties added to, or replacing, the defaults
	 * @return the running client
	 */
	static EurekaClientApplication startRegistered(EurekaServer server, String applicationName, String instanceId,
			Map<String, Object> extraProperties) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.application.name", applicationName);
		properties.put("spring.main.web-application-type", "servlet");
		properties.put("server.port", 0);
		properties.putAll(EurekaTestProperties.registration(instanceId));
		properties.put("server-manager.membership-refresh", "1s");
		properties.putAll(extraProperties);
		return start(server, properties);
	}

	/**
	 * The managed service of a service, once the client has used it.
	 * @param serviceId the service
	 * @return the managed service, or {@code null} before the first use
	 */
	@Nullable ManagedService managedService(String serviceId) {
		return context().getBean(ServerManagerRegistry.class).find(serviceId).orElse(null);
	}

	/**
	 * Every managed service of the client, one for each service it has used.
	 * @return the managed services
	 */
	Collection<ManagedService> managedServices() {
		return context().getBean(ServerManagerRegistry.class).services();
	}

	/**
	 * The client's rank among the instances of its application, as its aperture reads it.
	 * @return the rank, or {@code null} while the client has not found itself in
	 * discovery
	 */
	@Nullable ClientRank rank() {
		return context().getBean(DiscoveryClientRank.class).get();
	}

	/**
	 * Calls a service through the {@code @LoadBalanced} RestClient.
	 * @param serviceId the service
	 * @return the instance id of the backend that answered
	 */
	String call(String serviceId) {
		return get(serviceId, "/");
	}

	/**
	 * The port the client serves its actuator endpoints on, when it is a web application.
	 * @return the port
	 */
	int port() {
		return ((WebServerApplicationContext) context()).getWebServer().getPort();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ClientApplication {

		/**
		 * The builder everyone gets by default, the Eureka client included: its calls to
		 * the Eureka server must not go through the load balancer, which would take the
		 * server's host for a service id (spring-cloud-netflix#4591).
		 * @param configurer Spring Boot's configuration of RestClient builders
		 * @return a plain builder
		 */
		@Bean
		@Primary
		RestClient.Builder restClientBuilder(RestClientBuilderConfigurer configurer) {
			return configurer.configure(RestClient.builder());
		}

		/**
		 * The builder for calls to services, injected where asked for with
		 * {@code @LoadBalanced}.
		 * @param configurer Spring Boot's configuration of RestClient builders
		 * @return a load-balanced builder
		 */
		@Bean
		@LoadBalanced
		RestClient.Builder loadBalancedRestClientBuilder(RestClientBuilderConfigurer configurer) {
			return configurer.configure(RestClient.builder());
		}

	}

}
