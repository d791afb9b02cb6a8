package io.github.servermanager.connection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.servermanager.testsupport.CountingBackend;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A client application of the service {@value #SERVICE}, with load-balanced clients made
 * from Spring Boot's auto-configured builders, as the Spring Boot reference shows.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class ConnectionsClientApplication {

	static final String SERVICE = "backend";

	/**
	 * Starts a client of the backends, without pings, so that only the test moves the
	 * front.
	 * @param backends the instances of {@value #SERVICE}
	 * @param properties more properties, {@code key=value}
	 * @return the running client
	 */
	static ConfigurableApplicationContext start(List<CountingBackend> backends, String... properties) {
		return start(ConnectionsClientApplication.class, backends, properties);
	}

	/**
	 * Starts another client application of the backends, with the same properties.
	 * @param application the application's configuration class
	 * @param backends the instances of {@value #SERVICE}
	 * @param properties more properties, {@code key=value}
	 * @return the running client
	 */
	static ConfigurableApplicationContext start(Class<?> application, List<CountingBackend> backends,
			String... properties) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		for (int i = 0; i < backends.size(); i++) {
			String prefix = "spring.cloud.discovery.client.simple.instances." + SERVICE + "[" + i + "].";
			defaults.put(prefix + "uri", backends.get(i).uri());
			defaults.put(prefix + "instance-id", backends.get(i).name());
		}
		defaults.put("spring.application.name", "client");
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("server-manager.ping", "none");
		defaults.put("server-manager.cluster-size", "1");
		defaults.put("server-manager.membership-refresh", "10m");
		defaults.put("server-manager.idle-connection-grace", "100ms");
		return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties(defaults)
			.properties(properties)
			.run();
	}

	@Bean
	@LoadBalanced
	RestClient.Builder loadBalancedRestClientBuilder(RestClientBuilderConfigurer configurer) {
		return configurer.configure(RestClient.builder());
	}

	@Bean
	@LoadBalanced
	RestTemplate loadBalancedRestTemplate(RestTemplateBuilder builder) {
		return builder.build();
	}

	@Bean
	@LoadBalanced
	WebClient.Builder loadBalancedWebClientBuilder(ClientHttpConnector connector) {
		return WebClient.builder().clientConnector(connector);
	}

}
