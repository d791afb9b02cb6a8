package io.github.servermanager.integration;

import java.time.Duration;
import java.util.function.Supplier;

import io.github.servermanager.testsupport.ClientApplication;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A {@code @LoadBalanced WebClient.Builder} against real servers.
 */
class WebClientIntegrationTests extends AbstractLoadBalancedClientIntegrationTests {

	@Override
	Supplier<String> whoami(ConfigurableApplicationContext client) {
		WebClient webClient = client.getBean(WebClient.Builder.class).build();
		return () -> webClient.get()
			.uri("http://" + ClientApplication.SERVICE + "/whoami")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
	}

	@Override
	String[] retryOn() {
		// Reactive retry is off unless asked for.
		return new String[] { "spring.cloud.loadbalancer.retry.enabled=true" };
	}

}
