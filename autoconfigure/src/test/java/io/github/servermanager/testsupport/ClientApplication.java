package io.github.servermanager.testsupport;

import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A client application as a user would write it: the starter's auto-configuration and one
 * load-balanced client of each kind.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ClientApplication {

	/** The service id the backends are registered under. */
	public static final String SERVICE = "backend";

	@Bean
	@LoadBalanced
	RestTemplate loadBalancedRestTemplate() {
		return new RestTemplate();
	}

	@Bean
	@LoadBalanced
	RestClient.Builder loadBalancedRestClientBuilder() {
		return RestClient.builder();
	}

	@Bean
	@LoadBalanced
	WebClient.Builder loadBalancedWebClientBuilder() {
		return WebClient.builder();
	}

	/**
	 * Starts a client of {@code backends}.
	 * @param backends the servers of {@link #SERVICE}
	 * @param properties more properties, {@code key=value}
	 * @return the running client
	 */
	public static ConfigurableApplicationContext start(Backends backends, String... properties) {
		Map<String, Object> defaults = backends.discoveryProperties(SERVICE);
		defaults.put("spring.application.name", "client");
		// Membership is pulled at start; tests that change it publish a heartbeat.
		defaults.put("server-manager.membership-refresh", "10m");
		defaults.put("spring.main.banner-mode", "off");
		return new SpringApplicationBuilder(ClientApplication.class).web(WebApplicationType.NONE)
			.properties(defaults)
			.properties(properties)
			.run();
	}

}
