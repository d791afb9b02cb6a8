package io.github.servermanager.sample;

import io.github.servermanager.sample.backend.LocalBackendsInitializer;
import io.github.servermanager.sample.traffic.TrafficProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer;
import org.springframework.boot.web.server.context.WebServerPortFileWriter;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Shows the server manager at work: three local backends, a steady stream of
 * load-balanced calls to them, and endpoints to stop and restart a backend.
 */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(TrafficProperties.class)
public class SampleApplication {

	/**
	 * Set as a system property or environment variable, the file the sample writes its
	 * HTTP port to once it listens (handy with {@code --server.port=0}).
	 */
	static final String PORT_FILE = "PORTFILE";

	public static void main(String[] args) {
		application().run(args);
	}

	static SpringApplication application() {
		SpringApplication application = new SpringApplication(SampleApplication.class);
		application.addInitializers(new LocalBackendsInitializer());
		if (System.getProperty(PORT_FILE) != null || System.getenv(PORT_FILE) != null) {
			application.addListeners(new WebServerPortFileWriter());
		}
		return application;
	}

	/**
	 * A RestClient.Builder configured as Spring Boot configures its own (timeouts,
	 * message converters), plus load balancing.
	 * @param configurer Spring Boot's configuration
	 * @return the builder
	 */
	@Bean
	@LoadBalanced
	RestClient.Builder loadBalancedRestClientBuilder(RestClientBuilderConfigurer configurer) {
		return configurer.configure(RestClient.builder());
	}

	/**
	 * A WebClient.Builder configured as Spring Boot configures its own (connector,
	 * codecs), plus load balancing.
	 * @param customizers Spring Boot's customizers
	 * @return the builder
	 */
	@Bean
	@LoadBalanced
	WebClient.Builder loadBalancedWebClientBuilder(ObjectProvider<WebClientCustomizer> customizers) {
		WebClient.Builder builder = WebClient.builder();
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

}
