package io.github.servermanager.clients.reactive;

import java.util.Map;

import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.LoadBalancedClientContract;
import io.github.servermanager.testsupport.LoopbackHttp;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A WebFlux service as a user would write it: the starter, a {@code @LoadBalanced}
 * {@link WebClient.Builder} built as the README's quick start does, and one endpoint that
 * answers with what the service {@value LoadBalancedClientContract#SERVICE} answered.
 * Everything else comes from {@code application.properties} and the discovery properties
 * of the servers.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(ReactiveServiceApplication.RelayController.class)
class ReactiveServiceApplication {

	@Bean
	@LoadBalanced
	WebClient.Builder loadBalancedWebClientBuilder(ObjectProvider<WebClientCustomizer> customizers) {
		WebClient.Builder builder = WebClient.builder();
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

	/**
	 * Starts the service in front of {@code backends}.
	 * @param backends the servers of the service it calls
	 * @param properties more properties, {@code key=value}
	 * @return the running service
	 */
	static Service start(Backends backends, String... properties) {
		Map<String, Object> discovery = backends.discoveryProperties(LoadBalancedClientContract.SERVICE);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ReactiveServiceApplication.class)
			.properties(discovery)
			.properties(properties)
			.run();
		return new Service(context);
	}

	@RestController
	static class RelayController {

		private final WebClient webClient;

		RelayController(@LoadBalanced WebClient.Builder builder) {
			this.webClient = builder.baseUrl("http://" + LoadBalancedClientContract.SERVICE).build();
		}

		@GetMapping("/whoami")
		Mono<String> whoami() {
			return this.webClient.get().uri("/whoami").retrieve().bodyToMono(String.class);
		}

	}

	/**
	 * A running service, called over loopback as its own callers would.
	 */
	static final class Service implements AutoCloseable {

		private final ConfigurableApplicationContext context;

		private final LoopbackHttp http;

		private Service(ConfigurableApplicationContext context) {
			this.context = context;
			this.http = new LoopbackHttp(((WebServerApplicationContext) context).getWebServer().getPort());
		}

		/**
		 * Sends {@code GET /whoami} to the service, which relays it to the backend.
		 * @return the name of the backend that answered
		 * @throws Exception when the service did not answer 200
		 */
		String whoami() throws Exception {
			return this.http.get("/whoami");
		}

		ConfigurableApplicationContext context() {
			return this.context;
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

}
