package io.github.servermanager.clients.restclientjob;

import java.util.Map;

import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.LoadBalancedClientContract;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/**
 * A job as a user would write it: no web server
 * ({@code spring.main.web-application-type=none} in {@code application.properties}), the
 * starter, and a {@code @LoadBalanced} {@link RestClient.Builder} from Spring Boot's
 * {@link RestClientBuilderConfigurer}, as the README's quick start builds it, through
 * which the job calls the service {@value LoadBalancedClientContract#SERVICE}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class RestClientJobApplication {

	@Bean
	@LoadBalanced
	RestClient.Builder loadBalancedRestClientBuilder(RestClientBuilderConfigurer configurer) {
		return configurer.configure(RestClient.builder());
	}

	@Bean
	BackendClient backendClient(@LoadBalanced RestClient.Builder builder) {
		return new BackendClient(builder.baseUrl("http://" + LoadBalancedClientContract.SERVICE).build());
	}

	/**
	 * Starts the job with the servers of the service it calls.
	 * @param backends the servers
	 * @param properties more properties, {@code key=value}
	 * @return the running job
	 */
	static ConfigurableApplicationContext start(Backends backends, String... properties) {
		Map<String, Object> discovery = backends.discoveryProperties(LoadBalancedClientContract.SERVICE);
		return new SpringApplicationBuilder(RestClientJobApplication.class).properties(discovery)
			.properties(properties)
			.run();
	}

	/**
	 * What the job calls the service with.
	 */
	static final class BackendClient {

		private final RestClient restClient;

		BackendClient(RestClient restClient) {
			this.restClient = restClient;
		}

		/**
		 * Sends {@code GET /whoami} to the service.
		 * @return the name of the server that answered
		 */
		String whoami() {
			return this.restClient.get().uri("/whoami").retrieve().body(String.class);
		}

	}

}
