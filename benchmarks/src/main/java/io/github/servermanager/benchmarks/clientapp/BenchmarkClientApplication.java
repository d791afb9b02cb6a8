package io.github.servermanager.benchmarks.clientapp;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A client application as a user would write it: one {@code @LoadBalanced RestTemplate}
 * with a 1 second read timeout. Which balancer it uses is a matter of properties only.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BenchmarkClientApplication {

	/** The service id the backends are registered under. */
	public static final String SERVICE = "backend";

	/** How long a request may wait for an answer. */
	public static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

	@Bean
	AttemptLog attemptLog() {
		return new AttemptLog();
	}

	@Bean
	@LoadBalanced
	RestTemplate loadBalancedRestTemplate(AttemptLog attemptLog) {
		SimpleClientHttpRequestFactory requestFactory = new SimpleClientHttpRequestFactory();
		requestFactory.setConnectTimeout(READ_TIMEOUT);
		requestFactory.setReadTimeout(READ_TIMEOUT);
		return new RestTemplate(new AttemptRecordingRequestFactory(requestFactory, attemptLog));
	}

	/**
	 * A plain (not load-balanced) builder, which Spring's health-check supplier needs to
	 * check instances; the server manager ignores it.
	 * @return the builder
	 */
	@Bean
	WebClient.Builder plainWebClientBuilder() {
		return WebClient.builder()
			.clientConnector(new JdkClientHttpConnector(HttpClient.newBuilder().connectTimeout(READ_TIMEOUT).build()));
	}

	/**
	 * Starts a client of the given instances.
	 * @param instanceUris the instances of {@link #SERVICE}, {@code http://host:port}
	 * @param properties more properties, {@code key=value}
	 * @return the running client
	 */
	public static ConfigurableApplicationContext start(List<String> instanceUris, String... properties) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		for (int i = 0; i < instanceUris.size(); i++) {
			String prefix = "spring.cloud.discovery.client.simple.instances." + SERVICE + "[" + i + "].";
			defaults.put(prefix + "uri", instanceUris.get(i));
			defaults.put(prefix + "instance-id", SERVICE + "-" + i);
		}
		defaults.put("spring.application.name", "client");
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("logging.level.root", "WARN");
		// Spring's advice to add Caffeine, once per service context: the default cache is
		// what a user of the starter gets, so it is what is measured.
		defaults.put("logging.level.org.springframework.cloud.loadbalancer.config", "ERROR");
		return new SpringApplicationBuilder(BenchmarkClientApplication.class).web(WebApplicationType.NONE)
			.properties(defaults)
			.properties(properties)
			.run();
	}

}
