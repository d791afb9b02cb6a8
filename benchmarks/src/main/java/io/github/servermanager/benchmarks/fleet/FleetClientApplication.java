package io.github.servermanager.benchmarks.fleet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * One client application of the fleet, written as a user would: load-balanced clients
 * made from Spring Boot's auto-configured builders. Its Reactor Netty pool is its own
 * rather than the JVM-wide one, so that each application has its own pools, as it would
 * in its own JVM; under the starter, the builders' clients get the starter's bounded pool
 * instead, one per application too.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class FleetClientApplication {

	/** The service id the backends are registered under. */
	public static final String SERVICE = "backend";

	/**
	 * This application's own Reactor Netty pool: without it every WebClient in the JVM
	 * would share Reactor Netty's global one.
	 * @return the pool
	 */
	@Bean(destroyMethod = "dispose")
	ConnectionProvider fleetClientConnectionProvider() {
		return ConnectionProvider.create("fleet-client", 500);
	}

	/**
	 * Puts this application's own pool under the builders' Reactor Netty clients: after
	 * Spring Boot's customizer (order 0), which would use the JVM-wide pool, and before
	 * the starter's (order 100), which replaces it with its bounded pool.
	 * @param connectionProvider this application's pool
	 * @return the customizer
	 */
	@Bean
	@Order(50)
	ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder> ownConnectionProvider(
			ConnectionProvider connectionProvider) {
		return (builder) -> builder.withHttpClientFactory(() -> HttpClient.create(connectionProvider));
	}

	/**
	 * Counts this application's rebalances; an observer the server manager finds as a
	 * bean.
	 * @return the counter
	 */
	@Bean
	RebalanceCounter fleetRebalanceCounter() {
		return new RebalanceCounter();
	}

	/*
	 * Each application declares a RestClient and a WebClient, as many do, and calls the
	 * service through one of them: the idle bound applies to both.
	 */

	@Bean
	@LoadBalanced
	RestClient.Builder loadBalancedRestClientBuilder(RestClientBuilderConfigurer configurer) {
		return configurer.configure(RestClient.builder());
	}

	@Bean
	@LoadBalanced
	WebClient.Builder loadBalancedWebClientBuilder(ClientHttpConnector connector) {
		return WebClient.builder().clientConnector(connector);
	}

	/**
	 * Starts a client of the given instances.
	 * @param instanceUris the instances of {@link #SERVICE}, {@code http://host:port}
	 * @param properties more properties, {@code key=value}
	 * @return the running client
	 */
	public static ConfigurableApplicationContext start(List<String> instanceUris, List<String> properties) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		for (int i = 0; i < instanceUris.size(); i++) {
			String prefix = "spring.cloud.discovery.client.simple.instances." + SERVICE + "[" + i + "].";
			defaults.put(prefix + "uri", instanceUris.get(i));
			defaults.put(prefix + "instance-id", SERVICE + "-" + i);
		}
		defaults.put("spring.application.name", "client");
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("logging.level.root", "WARN");
		defaults.put("logging.level.org.springframework.cloud.loadbalancer.config", "ERROR");
		return new SpringApplicationBuilder(FleetClientApplication.class).web(WebApplicationType.NONE)
			.properties(defaults)
			.properties(properties.toArray(String[]::new))
			.run();
	}

}
