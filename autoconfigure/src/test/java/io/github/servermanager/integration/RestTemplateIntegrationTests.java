package io.github.servermanager.integration;

import java.util.function.Supplier;

import io.github.servermanager.testsupport.ClientApplication;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestTemplate;

/**
 * A {@code @LoadBalanced RestTemplate} against real servers.
 */
class RestTemplateIntegrationTests extends AbstractLoadBalancedClientIntegrationTests {

	@Override
	Supplier<String> whoami(ConfigurableApplicationContext client) {
		RestTemplate restTemplate = client.getBean(RestTemplate.class);
		return () -> restTemplate.getForObject("http://" + ClientApplication.SERVICE + "/whoami", String.class);
	}

	@Override
	String[] retryOn() {
		// spring-retry is on the test class path, which turns blocking retry on.
		return new String[0];
	}

}
