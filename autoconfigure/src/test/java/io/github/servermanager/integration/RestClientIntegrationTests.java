package io.github.servermanager.integration;

import java.util.function.Supplier;

import io.github.servermanager.testsupport.ClientApplication;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * A {@code @LoadBalanced RestClient.Builder} against real servers.
 */
class RestClientIntegrationTests extends AbstractLoadBalancedClientIntegrationTests {

	@Override
	Supplier<String> whoami(ConfigurableApplicationContext client) {
		RestClient restClient = client.getBean(RestClient.Builder.class).build();
		return () -> restClient.get()
			.uri("http://" + ClientApplication.SERVICE + "/whoami")
			.retrieve()
			.body(String.class);
	}

	@Override
	String[] retryOn() {
		// spring-retry is on the test class path, which turns blocking retry on.
		return new String[0];
	}

}
