package io.github.servermanager.integration.eureka;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.servermanager.testsupport.LoadBalancedClientApplication;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer;
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
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.application.name", "client");
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
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ClientApplication.class)
			.web(WebApplicationType.NONE)
			.properties(properties)
			.run();
		return new EurekaClientApplication(context);
	}

	/**
	 * Calls a service through the {@code @LoadBalanced} RestClient.
	 * @param serviceId the service
	 * @return the instance id of the backend that answered
	 */
	String call(String serviceId) {
		return get(serviceId, "/");
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
